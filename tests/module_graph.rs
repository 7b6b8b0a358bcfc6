//! The module dependency graph of `src/`, computed from `crate::…` and `super::…` paths,
//! has no cycle between top-level modules, nor between sibling modules of any parent
//! (a child may use its parent's re-exports; that is not a cycle). Test code (everything
//! from a file's `#[cfg(test)]` on, and `tests` modules in their own files) is left out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn no_cycle_between_top_level_or_sibling_modules() {
    let modules = modules(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")));
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut edges: Vec<(String, String)> = Vec::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        for target in uses(&text, module) {
            if let Some(to) = longest_module(&names, &target) {
                edges.push((module.clone(), to));
            }
        }
    }
    assert!(
        edges
            .iter()
            .any(|(a, b)| a == "store::read::firefox::db" && b == "store::read::firefox::session"),
        "the scanner must see known edges: {edges:?}"
    );
    let mut found = Vec::new();
    // `names` holds the crate root as "", the parent of the top-level modules.
    for parent in &names {
        let graph = sibling_graph(parent, &edges);
        found.extend(cycles(&graph));
    }
    assert!(found.is_empty(), "import cycles: {found:?}");
}

/// Module path (`store::read::scan`, `""` for the crate root) → file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    let mut path_attrs = BTreeMap::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                    parts.pop();
                }
                if parts == ["main"] {
                    continue;
                }
                path_attrs.extend(path_children(&p, &parts.join("::")));
                out.insert(parts.join("::"), p);
            }
        }
    }
    // Files pulled in with `#[path]` belong under the module that names them.
    for (file, module) in path_attrs {
        out.retain(|_, f| *f != file);
        out.insert(module, file);
    }
    // Test modules kept in their own files (`#[cfg(test)] mod tests;`).
    out.retain(|m, _| m != "tests" && !m.ends_with("::tests"));
    out
}

/// `#[path = "x.rs"] mod name;` in `file` (module `module`): x.rs → `module::name`.
fn path_children(file: &Path, module: &str) -> Vec<(PathBuf, String)> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("#[path = \"") else {
            continue;
        };
        let target = rest.split('"').next().unwrap();
        let Some(decl) = lines.next() else { break };
        let name = decl.trim_end_matches(';').rsplit(' ').next().unwrap();
        let path = file.parent().unwrap().join(target);
        out.push((path, join(module, name)));
    }
    out
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_owned()
    } else {
        format!("{a}::{b}")
    }
}

/// Every path the non-test code of `text` (module `module`) names through `crate::` or
/// `super::`, made absolute.
fn uses(text: &str, module: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .take_while(|l| l.trim() != "#[cfg(test)]")
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &bytes[i..];
        if boundary && (rest.starts_with(b"crate::") || rest.starts_with(b"super::")) {
            let (paths, end) = parse_paths(&code, i);
            for p in paths {
                if let Some(abs) = absolute(&p, module) {
                    out.push(abs);
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// `crate::a::{b, c::d}` → `crate::a::b`, `crate::a::c::d` (segments joined by `::`).
fn parse_paths(code: &str, start: usize) -> (Vec<String>, usize) {
    let b = code.as_bytes();
    let mut i = start;
    let mut prefix = String::new();
    loop {
        let s = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        if s == i {
            return (vec![prefix], i);
        }
        prefix = join(&prefix, &code[s..i]);
        if !b[i..].starts_with(b"::") {
            return (vec![prefix], i);
        }
        i += 2;
        if b.get(i) == Some(&b'{') {
            i += 1;
            let mut out = Vec::new();
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'}' {
                    return (out, i + 1);
                }
                let (inner, end) = parse_paths(code, i);
                out.extend(inner.into_iter().map(|p| join(&prefix, &p)));
                // Skip `as name` and anything else up to the next element.
                i = end;
                while i < b.len() && b[i] != b',' && b[i] != b'}' {
                    i += 1;
                }
            }
        }
    }
}

fn absolute(path: &str, module: &str) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    if segs.first() == Some(&"crate") {
        segs.remove(0);
        return Some(segs.join("::"));
    }
    while segs.first() == Some(&"super") {
        segs.remove(0);
        base.pop()?;
    }
    base.extend(segs);
    Some(base.join("::"))
}

fn longest_module(names: &BTreeSet<String>, path: &str) -> Option<String> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|p| names.contains(p))
}

/// Edges between the children of `parent` (each module counted as the child it is under).
fn sibling_graph(parent: &str, edges: &[(String, String)]) -> Graph {
    let child = |m: &str| -> Option<String> {
        let rest = if parent.is_empty() {
            m
        } else {
            m.strip_prefix(parent)?.strip_prefix("::")?
        };
        let first = rest.split("::").next().filter(|s| !s.is_empty())?;
        Some(join(parent, first))
    };
    let mut g = Graph::new();
    for (a, b) in edges {
        if let (Some(ca), Some(cb)) = (child(a), child(b))
            && ca != cb
        {
            g.entry(ca).or_default().insert(cb);
        }
    }
    g
}

/// Strongly connected components with more than one module.
fn cycles(g: &Graph) -> Vec<BTreeSet<String>> {
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for m in g.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for n in g.keys() {
        let from_n = reach(n);
        if !from_n.contains(n) || out.iter().any(|c| c.contains(n)) {
            continue;
        }
        let scc: BTreeSet<String> = from_n
            .into_iter()
            .filter(|m| reach(m).contains(n))
            .collect();
        out.push(scc);
    }
    out
}
