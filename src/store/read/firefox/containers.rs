//! Container names from a Firefox profile's `containers.json`, so a cookie can say
//! "Work" instead of `userContextId=2`. Reads one small JSON file; never writes.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

/// `userContextId` → name for people.
#[derive(Debug, Clone, Default)]
pub struct Containers {
    names: HashMap<u32, String>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    identities: Vec<Identity>,
}

#[derive(Deserialize)]
struct Identity {
    #[serde(rename = "userContextId")]
    id: u32,
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "l10nId", default)]
    l10n_id: Option<String>,
}

/// Built-in containers carry an `l10nId` instead of a name; these are their English names.
fn builtin(l10n_id: &str) -> Option<&'static str> {
    match l10n_id {
        "user-context-personal" | "userContextPersonal.label" => Some("Personal"),
        "user-context-work" | "userContextWork.label" => Some("Work"),
        "user-context-banking" | "userContextBanking.label" => Some("Banking"),
        "user-context-shopping" | "userContextShopping.label" => Some("Shopping"),
        _ => None,
    }
}

impl Containers {
    /// Loads `<profile>/containers.json`. A missing or unreadable file leaves the four
    /// built-in defaults (IDs 1–4), which is what Firefox itself starts with.
    pub fn load(profile_dir: &Path) -> Containers {
        let mut c = Containers::defaults();
        let path = profile_dir.join("containers.json");
        let Ok(bytes) = crate::store::files::read_capped(
            &path,
            crate::store::files::SMALL_FILE_CAP,
            crate::store::files::Links::Follow,
        ) else {
            return c;
        };
        let Ok(file) = serde_json::from_slice::<File>(&bytes) else {
            return c;
        };
        c.names.clear();
        for ident in file.identities {
            let name = match (ident.name, ident.l10n_id.as_deref().and_then(builtin)) {
                (Some(n), _) if !n.is_empty() => n,
                (_, Some(b)) => b.to_string(),
                _ => continue,
            };
            c.names.insert(ident.id, name);
        }
        c
    }

    fn defaults() -> Containers {
        let names = [
            (1, "Personal"),
            (2, "Work"),
            (3, "Banking"),
            (4, "Shopping"),
        ]
        .into_iter()
        .map(|(id, n)| (id, n.to_string()))
        .collect();
        Containers { names }
    }

    /// Name of container `id` (`#<id>` when unnamed); `None` for the default jar (0).
    pub fn name(&self, id: u32) -> Option<String> {
        if id == 0 {
            return None;
        }
        Some(match self.names.get(&id) {
            Some(n) => n.clone(),
            None => format!("#{id}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_file_builtins_and_unknown() {
        let d = tempfile::tempdir().unwrap();
        let none = Containers::load(d.path());
        assert_eq!(none.name(2).as_deref(), Some("Work"));
        assert_eq!(none.name(0), None);
        std::fs::write(
            d.path().join("containers.json"),
            r#"{"version":5,"lastUserContextId":6,"identities":[
              {"userContextId":1,"public":true,"icon":"fingerprint","color":"blue","l10nId":"user-context-personal"},
              {"userContextId":2,"public":true,"l10nId":"user-context-work"},
              {"userContextId":5,"public":false,"name":"userContextIdInternal.thumbnail"},
              {"userContextId":6,"public":true,"icon":"dollar","color":"red","name":"Côté"}]}"#,
        )
        .unwrap();
        let c = Containers::load(d.path());
        assert_eq!(c.name(1).as_deref(), Some("Personal"));
        assert_eq!(c.name(2).as_deref(), Some("Work"));
        assert_eq!(c.name(6).as_deref(), Some("Côté"));
        assert_eq!(c.name(3).as_deref(), Some("#3"));
        assert_eq!(c.name(42).as_deref(), Some("#42"));
    }
}
