//! Aligned plain-text tables. Every cell is escaped for the terminal before it is
//! measured, so widths are right and no cookie byte can act as a control sequence.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::sanitize::for_terminal;

/// A table built row by row, written once all widths are known.
pub struct Table<'a> {
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cow<'a, str>>>,
}

impl<'a> Table<'a> {
    pub fn new(headers: Vec<&'static str>) -> Table<'a> {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, cells: Vec<Cow<'a, str>>) {
        let cells = cells
            .into_iter()
            .map(|c| match for_terminal(&c) {
                Cow::Borrowed(_) => c,
                Cow::Owned(s) => Cow::Owned(s),
            })
            .collect();
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let last = widths.len().saturating_sub(1);
        let mut line = String::new();
        let mut emit = |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn Write| {
            line.clear();
            for (i, (cell, w)) in cells.zip(&widths).enumerate() {
                line.push_str(cell);
                if i < last {
                    let pad = w.saturating_sub(cell.width()) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", line.trim_end())
        };
        emit(&mut self.headers.iter().copied(), out)?;
        for row in &self.rows {
            emit(&mut row.iter().map(|c| c.as_ref()), out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_escapes() {
        let mut t = Table::new(vec!["NAME", "HOST"]);
        t.push(vec!["a".into(), "x.test".into()]);
        t.push(vec!["evil\x1b[2J".into(), "y".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "NAME         HOST\na            x.test\nevil\\x1b[2J  y\n"
        );
    }
}
