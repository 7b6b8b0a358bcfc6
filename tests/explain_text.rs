//! The explanation of a cookie, as text and JSON.

mod policy_support;

use crumbs::explain::explain;
use crumbs::inventory::Entry;
use crumbs::model::{SameSite, UnixMicros};
use crumbs::policy::party::{self, Visits};
use policy_support::{cookie, policies};

const NOW: UnixMicros = UnixMicros(1_795_914_454_000_000);
const DAY: i64 = 86_400_000_000;

fn entry(c: crumbs::model::Cookie, visits: &Visits) -> Entry {
    let p = policies();
    let verdict = p.classify(&c);
    Entry {
        party: party::decide(&c, &verdict, &p, visits),
        verdict,
        cookie: c,
    }
}

#[test]
fn sessionid_on_the_seed_site() {
    let mut c = cookie(".www.fabriquenumeriquedupasse.fr", "sessionid");
    c.expires = Some(UnixMicros(NOW.0 + 14 * DAY));
    let visits = Visits::from_hosts(["www.fabriquenumeriquedupasse.fr"]);
    let e = explain(&entry(c, &visits), NOW);
    let text = e.to_text();
    println!("{text}");
    assert_eq!(
        text,
        "sessionid on www.fabriquenumeriquedupasse.fr
  What it is        Cookie \"sessionid\" for www.fabriquenumeriquedupasse.fr (path /), kept by Firefox in profile \"default-release\".
  Who sets it       Opendatasoft, on fabriquenumeriquedupasse.fr.
  Why               Authentication (front and back office): To remember the user from one page to another.
  Category          Necessary: the site needs it to work. No consent needed: the Opendatasoft policy lists it as necessary.
  Party             First party: you visited fabriquenumeriquedupasse.fr. The Opendatasoft policy calls these \"Internal or first-party\" cookies.
  Lifetime          Expires in 14 days (2026-12-13).
  Flags             Secure: sent only over HTTPS. HttpOnly: the page's scripts cannot read it. SameSite=Lax: sent when you follow a link here, not from embeds.
  If you delete it  You will be signed out of fabriquenumeriquedupasse.fr.
  How crumbs knows  The site's own policy names it: Opendatasoft platform cookie policy (\"opendatasoft\", rule \"sessionid\"). Confidence: high.
  Site policy       Declared by Opendatasoft as Necessary.
"
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json["title"],
        "sessionid on www.fabriquenumeriquedupasse.fr"
    );
    assert_eq!(json["lines"][7][0], "If you delete it");
}

#[test]
fn lines_follow_the_cookie() {
    let v = Visits::default();
    // Partitioned marketing cookie, expired, not Secure, SameSite=None.
    let mut c = cookie(".doubleclick.net", "IDE");
    c.partition = Some("https://www.news.example".into());
    c.expires = Some(UnixMicros(NOW.0 - 3 * DAY));
    c.secure = false;
    c.http_only = false;
    c.same_site = SameSite::None;
    c.container = Some("Shopping".into());
    let e = explain(&entry(c, &v), NOW);
    let line = |l: &str| e.line(l).unwrap().to_string();
    assert!(
        line("What it is")
            .ends_with(", container \"Shopping\", partitioned under https://www.news.example.")
    );
    assert_eq!(
        line("Party"),
        "Third party: set inside news.example (partitioned)."
    );
    assert_eq!(line("Lifetime"), "Expired 3 days ago.");
    assert!(line("Flags").starts_with(
        "Not Secure: also sent over plain HTTP. The page's scripts can read it. SameSite=None"
    ));
    assert_eq!(
        line("If you delete it"),
        "Ads lose track of this browser; it may be set again on your next visit."
    );
    assert_eq!(
        line("Category"),
        "Marketing: it is used for advertising and tracking. Needs your consent: marketing cookies are not necessary for the site to work."
    );

    // A governed site's cookie inside another site's page: the policy's own party words.
    let mut c = cookie("data.opendatasoft.com", "csrftoken");
    c.partition = Some("https://news.example.org".into());
    let e = explain(&entry(c, &v), NOW);
    assert_eq!(
        e.line("Party"),
        Some(
            "Third party: set inside example.org (partitioned). The Opendatasoft policy calls these \"Third-party\" cookies."
        )
    );

    // A cookie no policy lists, from an unknown host: only the heuristics speak.
    let mut unknown = cookie("tiles.example.net", "zz_q");
    unknown.http_only = false;
    let e = explain(&entry(unknown, &v), NOW);
    assert_eq!(
        e.line("Who sets it"),
        Some("Unknown, set by tiles.example.net.")
    );
    assert_eq!(
        e.line("Lifetime"),
        Some("Until you close the browser (session cookie).")
    );
    assert_eq!(
        e.line("How crumbs knows"),
        Some(
            "No policy names it; a guess from its name and flags (session_lifetime). Confidence: low, so treat the category as a guess."
        )
    );
    assert!(
        e.line("Category")
            .unwrap()
            .starts_with("Necessary (a guess): the site needs it to work."),
        "{:?}",
        e.line("Category")
    );
    assert!(
        e.line("Party")
            .unwrap()
            .starts_with("Unknown: example.net is not in")
    );

    // Generic framework name elsewhere: the usual owner, medium confidence, and the
    // evidence says the name is shared.
    let e = explain(&entry(cookie("app.example.org", "sessionid"), &v), NOW);
    assert_eq!(e.line("Who sets it"), Some("Django, on example.org."));
    assert_eq!(
        e.line("If you delete it"),
        Some("You will be signed out of example.org.")
    );
    assert_eq!(
        e.line("Category"),
        Some(
            "Necessary: the site needs it to work. No consent needed: necessary cookies are exempt."
        )
    );
    assert!(
        e.line("Lifetime")
            .unwrap()
            .ends_with("Usually kept 2 weeks.")
    );
    assert_eq!(
        e.line("How crumbs knows"),
        Some(
            "Its name \"sessionid\" is listed in the \"test-frameworks\" policy, but other \
             software uses that name too. Confidence: medium."
        )
    );

    // Statistics under the seed policy's "unless anonymised" rule.
    let e = explain(
        &entry(cookie("www.fabriquenumeriquedupasse.fr", "_ga"), &v),
        NOW,
    );
    assert_eq!(
        e.line("Category"),
        Some(
            "Statistics: it measures how the site is used. Needs your consent unless the statistics are anonymised: the Opendatasoft policy's rule for statistical cookies."
        )
    );
}

#[test]
fn hostile_cookie_text_is_escaped_for_terminals() {
    let e = explain(
        &entry(
            cookie("evil.example", "x\x1b[2J\u{202e}y"),
            &Visits::default(),
        ),
        NOW,
    );
    let text = e.to_text();
    assert!(
        !text.contains('\x1b') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(
        text.starts_with("x\\x1b[2J\\u{202e}y on evil.example\n"),
        "{text}"
    );
    // JSON keeps the raw text; serde escapes it.
    assert!(serde_json::to_string(&e).unwrap().contains("\\u001b"));
}

#[test]
fn guesses_are_shown_as_guesses_and_sure_only_leaves_them() {
    let visits = Visits::default();
    // Readable across sites, on a host nobody lists, with a name that says nothing.
    let mut guessed = cookie("px.unknown-vendor.example", "zq");
    (guessed.http_only, guessed.same_site) = (false, SameSite::None);
    (guessed.created, guessed.expires) = (Some(NOW), Some(UnixMicros(NOW.0 + 400 * DAY)));
    let guessed = entry(guessed, &visits);
    let sure = entry(cookie(".example.org", "_ga"), &visits);
    assert!(
        guessed.verdict.is_guess() && !sure.verdict.is_guess(),
        "{:?} {:?}",
        (
            guessed.verdict.category,
            guessed.verdict.confidence,
            &guessed.verdict.matched_by
        ),
        (sure.verdict.category, sure.verdict.confidence)
    );
    let category = explain(&guessed, NOW);
    assert!(
        category
            .line("Category")
            .unwrap()
            .starts_with("Marketing (a guess):"),
        "{:?}",
        category.line("Category")
    );
    let trackers = crumbs::filter::CookieFilter {
        trackers_only: true,
        ..Default::default()
    };
    let sure_only = crumbs::filter::CookieFilter {
        sure_only: true,
        ..trackers.clone()
    };
    assert!(trackers.matches(&guessed) && trackers.matches(&sure));
    assert!(!sure_only.matches(&guessed) && sure_only.matches(&sure));
}

#[test]
fn a_name_sites_label_differently_says_so() {
    let e = explain(
        &entry(cookie(".example.org", "__hstc"), &Visits::default()),
        NOW,
    );
    let line = e.line("Category").unwrap();
    assert!(line.starts_with("Marketing:"), "{line}");
    assert!(
        line.ends_with("Sites disagree: some call it statistics in their cookie banners."),
        "{line}"
    );
    let e = explain(
        &entry(cookie(".example.org", "_ga"), &Visits::default()),
        NOW,
    );
    assert!(!e.line("Category").unwrap().contains("disagree"));
}

#[test]
fn site_policy_line_says_declared_or_not() {
    let visits = Visits::default();
    let ga = explain(
        &entry(cookie(".fabriquenumeriquedupasse.fr", "_ga"), &visits),
        NOW,
    );
    assert_eq!(
        ga.line("Site policy"),
        Some("Not declared in fabriquenumeriquedupasse.fr's cookie policy.")
    );
    let mut ide = cookie(".doubleclick.net", "IDE");
    ide.partition = Some("https://fabriquenumeriquedupasse.fr".into());
    let ide = explain(&entry(ide, &visits), NOW);
    assert_eq!(
        ide.line("Site policy"),
        Some("Not declared in fabriquenumeriquedupasse.fr's cookie policy."),
        "set inside the site's pages, so its policy answers for it"
    );
    let elsewhere = explain(&entry(cookie(".example.com", "_ga"), &visits), NOW);
    assert_eq!(elsewhere.line("Site policy"), None);
}

#[test]
fn a_third_party_cookie_sharing_a_declared_name_is_not_the_sites() {
    let visits = Visits::default();
    // The policy declares `csrftoken` on its own hosts; this one is an embed's, set inside
    // the site's pages.
    let mut c = cookie(".tracker.example", "csrftoken");
    c.partition = Some("https://fabriquenumeriquedupasse.fr".into());
    let e = explain(&entry(c, &visits), NOW);
    assert_eq!(
        e.line("Site policy"),
        Some(
            "fabriquenumeriquedupasse.fr's policy declares a \"csrftoken\" cookie, but this one is set by tracker.example, a third party."
        )
    );
    assert!(!e.to_text().contains("Declared by"), "{}", e.to_text());
    // The site's own `csrftoken` is still declared by it.
    let own = explain(
        &entry(
            cookie("www.fabriquenumeriquedupasse.fr", "csrftoken"),
            &visits,
        ),
        NOW,
    );
    assert_eq!(
        own.line("Site policy"),
        Some("Declared by Opendatasoft as Necessary.")
    );
    // A third party's name the policy does not declare is simply not declared.
    let mut other = cookie(".tracker.example", "tr_id");
    other.partition = Some("https://fabriquenumeriquedupasse.fr".into());
    let other = explain(&entry(other, &visits), NOW);
    assert_eq!(
        other.line("Site policy"),
        Some("Not declared in fabriquenumeriquedupasse.fr's cookie policy.")
    );
}

/// A guess that took a known sibling's category says which sibling, in words and JSON.
#[test]
fn a_sibling_verdict_names_its_sibling() {
    let p = policies();
    let visits = Visits::from_hosts(["www.example-shop.com"]);
    let mut known = cookie(".example-shop.com", "fornax_anonymousId");
    let mut guessed = cookie(".example-shop.com", "fornax_x");
    for c in [&mut known, &mut guessed] {
        c.expires = Some(UnixMicros(NOW.0 + 400 * DAY));
        c.http_only = false;
    }
    let verdicts = [p.classify(&known), p.classify(&guessed)];
    assert!(verdicts[1].is_guess());
    let items = [(&known, &verdicts[0]), (&guessed, &verdicts[1])];
    let (_, verdict) = crumbs::policy::siblings::sibling_verdicts(&items)
        .pop()
        .expect("a sibling verdict");
    let e = Entry {
        party: party::decide(&guessed, &verdict, &p, &visits),
        verdict,
        cookie: guessed,
    };
    let text = explain(&e, NOW).to_text();
    println!("{text}");
    assert!(
        text.contains(
            "How crumbs knows  No policy names it, but it shares the `fornax` prefix with \
             `fornax_anonymousId`, a known statistics cookie on the same site. Confidence: \
             medium."
        ),
        "{text}"
    );
    assert!(text.contains("Category          Statistics"), "{text}");
}

#[test]
fn deleting_a_banner_choice_says_the_banner_asks_again() {
    for name in ["analytics_allowed", "cookies_preferences_set"] {
        let e = explain(
            &entry(cookie(".example.org", name), &Visits::default()),
            NOW,
        );
        assert_eq!(
            e.line("If you delete it").unwrap(),
            "example.org forgets your cookie choices, and its cookie banner asks again.",
            "{name}"
        );
    }
    // Other necessary guesses keep the general sentence.
    let e = explain(
        &entry(cookie(".example.org", "lb_route"), &Visits::default()),
        NOW,
    );
    assert!(!e.line("If you delete it").unwrap().contains("banner"));
}

#[test]
fn a_guessed_setting_says_sites_also_call_such_cookies_necessary() {
    let e = explain(
        &entry(
            cookie(".example.org", "preferred_theme"),
            &Visits::default(),
        ),
        NOW,
    );
    let line = e.line("Category").unwrap();
    assert!(line.starts_with("Preferences:"), "{line}");
    assert!(
        line.ends_with("Sites disagree: some call it necessary in their cookie banners."),
        "{line}"
    );
}

#[test]
fn a_learned_verdict_says_how_likely_it_is() {
    // No rule, no Open Cookie Database entry and no word the heuristics know: a
    // script-readable year-long cookie whose letters decide.
    let clueless = |name: &str| {
        let mut c = cookie(".example.org", name);
        c.expires = Some(UnixMicros(NOW.0 + 365 * DAY));
        c.created = Some(NOW);
        c.http_only = false;
        c.secure = false;
        explain(&entry(c, &Visits::default()), NOW)
    };
    let e = clueless("_scid_x");
    println!("{}", e.to_text());
    let how = e.line("How crumbs knows").unwrap();
    assert!(
        how.starts_with(
            "No policy names it and no word of its name is one crumbs knows; its letters and \
             lifetime look most like the marketing cookies crumbs' rules and the Open Cookie \
             Database list."
        ),
        "{how}"
    );
    assert!(
        how.contains(" Database list. The model puts it at ")
            && how.contains(" %, though its figures run high"),
        "{how}"
    );
    assert!(
        e.line("Why")
            .unwrap()
            .contains("resembles the cookies of advertising"),
        "{:?}",
        e.line("Why")
    );
    // What deleting does is crumbs' default for the category, so only as sure as it.
    assert_eq!(
        e.line("If you delete it").unwrap(),
        "If crumbs' guess is right: Ads lose track of this browser; it may be set again on \
         your next visit."
    );
    // Under even odds the sentence only says which way the letters lean.
    let e = clueless("zq7");
    let why = e.line("Why").unwrap();
    assert!(
        why.starts_with("Nothing in its name says what it is for; its letters lean weakly"),
        "{why}"
    );
    assert!(e.line("Category").unwrap().contains("(a guess)"));
}
