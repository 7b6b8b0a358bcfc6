//! What crumbs says about each name rule in the explanation of a guess: one plain sentence
//! (the words say what the name looks like, never what the value holds), and the other
//! categories sites often give such cookies.

use crate::model::Category;

pub(super) const fn purpose_of(rule: &'static str) -> &'static str {
    match rule.as_bytes() {
        b"name_session" => "Looks like a session or sign-in cookie that keeps you logged in.",
        b"name_csrf" => "Looks like an anti-forgery token that protects forms and requests.",
        b"name_cart" => "Looks like it keeps your shopping cart or checkout between pages.",
        b"name_security" => "Looks like bot protection, load balancing or request routing.",
        b"name_consent" => "Looks like a record of your cookie or privacy choices.",
        b"name_cookie_check" => "Looks like a check of what the browser supports, such as cookies.",
        b"name_locale" => "Looks like it remembers your language, country, currency or time zone.",
        b"name_preference" => "Looks like it remembers a setting such as a theme or layout.",
        b"name_analytics" => "Looks like a visitor or visit counter for site statistics.",
        b"name_experiment" => "Looks like it assigns you to a test variant for measurement.",
        b"name_advertising" => "Looks like an advertising, tracking or ad-click identifier.",
        b"name_user_id" => "Looks like an identifier that recognises this browser across sites.",
        b"name_marketing_vendor" => {
            "Its name carries the name of a marketing-automation, e-mail or personalisation \
             vendor, whose cookies sites file under marketing."
        }
        b"name_cache" => "Looks like a version or cache marker the site uses to keep pages fresh.",
        b"name_ui_state" => {
            "Looks like it remembers the state of the page, such as a closed pop-up or a panel's size."
        }
        _ => "Looks like a cookie crumbs cannot place with confidence.",
    }
}

/// Other categories real sites often give the cookies a rule decides, on their own cookie
/// pages (`tests/fixtures/labelled/banners.csv`): language and currency cookies are often
/// filed as preferences (the consent tools' habit), theme and other settings cookies as
/// necessary, consent records as functional.
pub fn also_labelled(rule: &str) -> &'static [Category] {
    match rule {
        "name_locale" => &[Category::Preferences],
        "name_preference" => &[Category::Necessary],
        "name_consent" => &[Category::Preferences],
        _ => &[],
    }
}

/// What deleting a cookie a rule decides does, where the category's usual words would
/// mislead: a language cookie is necessary, yet deleting it breaks nothing.
pub fn on_delete(rule: &str) -> Option<&'static str> {
    (rule == "name_locale").then_some(FORGETS_LOCALE)
}

/// What deleting a remembered language, country, currency or time zone does; the Open
/// Cookie Database stage says the same of the cookies it files so.
pub const FORGETS_LOCALE: &str =
    "{site} will forget the language, country or currency you chose and show its default.";
