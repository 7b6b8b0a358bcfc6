//! Pure parser of the `Cookies.binarycookies` bytes (reference §5). Every offset and size
//! read from the file is checked against the enclosing page or record before use, so a
//! hostile file yields an error, never a panic, and allocations never exceed the file.

/// Seconds from the Unix epoch to the Mac absolute-time epoch (2001-01-01 UTC).
pub const MAC_EPOCH_OFFSET: f64 = 978_307_200.0;
/// Fixed part of a record, up to and including the creation time.
const RECORD_HEAD: usize = 56;
const FLAG_SECURE: u32 = 1;
const FLAG_HTTP_ONLY: u32 = 4;

/// One record as stored, before it becomes a [`crate::model::Cookie`].
#[derive(Clone, PartialEq)]
pub struct Record {
    pub page: u32,
    pub index: u32,
    pub version: u32,
    pub flags: u32,
    pub domain: String,
    pub name: String,
    pub path: String,
    pub value: Vec<u8>,
    pub comment: Option<String>,
    pub comment_url: Option<String>,
    pub port: Option<u16>,
    /// Seconds since the Unix epoch (fractions kept).
    pub expires: f64,
    pub created: f64,
}

impl Record {
    pub fn secure(&self) -> bool {
        self.flags & FLAG_SECURE != 0
    }
    pub fn http_only(&self) -> bool {
        self.flags & FLAG_HTTP_ONLY != 0
    }
}

// The value is a secret: keep it out of Debug output.
impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Record")
            .field("page", &self.page)
            .field("index", &self.index)
            .field("domain", &self.domain)
            .field("name", &self.name)
            .field("path", &self.path)
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .finish_non_exhaustive()
    }
}

/// Why a file was refused: `NotCookies` means it is not this format at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    NotCookies(String),
    Damaged(String),
}

fn damaged(msg: impl Into<String>) -> ParseError {
    ParseError::Damaged(msg.into())
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn le_f64(b: &[u8], at: usize) -> Option<f64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(f64::from_le_bytes(a))
}

/// Parses a whole file into its records, page by page, in file order.
pub fn parse(bytes: &[u8]) -> Result<Vec<Record>, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::NotCookies("the file is empty".into()));
    }
    if !bytes.starts_with(b"cook") {
        return Err(ParseError::NotCookies(
            "no binarycookies header (\"cook\")".into(),
        ));
    }
    let pages = be32(bytes, 4).ok_or_else(|| damaged("truncated file header"))? as usize;
    let table_end = pages
        .checked_mul(4)
        .and_then(|n| n.checked_add(8))
        .filter(|&end| end <= bytes.len())
        .ok_or_else(|| damaged(format!("page table of {pages} pages runs past the end")))?;
    let mut start = table_end;
    let mut out = Vec::new();
    for p in 0..pages {
        let size = be32(bytes, 8 + 4 * p).ok_or_else(|| damaged("truncated page table"))?;
        let end = start
            .checked_add(size as usize)
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| damaged(format!("page {p} runs past the end of the file")))?;
        parse_page(&bytes[start..end], p as u32, &mut out)?;
        start = end;
    }
    Ok(out)
}

fn parse_page(page: &[u8], p: u32, out: &mut Vec<Record>) -> Result<(), ParseError> {
    if page.get(..4) != Some(&[0, 0, 1, 0][..]) {
        return Err(damaged(format!("page {p} has a bad header")));
    }
    let count = le32(page, 4).ok_or_else(|| damaged(format!("page {p} is truncated")))?;
    let table_end = (count as usize)
        .checked_mul(4)
        .and_then(|n| n.checked_add(8))
        .filter(|&e| e <= page.len())
        .ok_or_else(|| damaged(format!("page {p}: {count} record offsets do not fit")))?;
    for i in 0..count {
        let at = 8 + 4 * i as usize;
        debug_assert!(at + 4 <= table_end);
        let off = le32(page, at).ok_or_else(|| damaged(format!("page {p} is truncated")))?;
        let rec = record_slice(page, off as usize)
            .ok_or_else(|| damaged(format!("page {p} record {i} lies outside the page")))?;
        out.push(parse_record(rec, p, i)?);
    }
    Ok(())
}

fn record_slice(page: &[u8], off: usize) -> Option<&[u8]> {
    let size = le32(page, off)? as usize;
    if size < RECORD_HEAD {
        return None;
    }
    page.get(off..off.checked_add(size)?)
}

fn parse_record(rec: &[u8], page: u32, index: u32) -> Result<Record, ParseError> {
    let bad = |what: &str| damaged(format!("page {page} record {index}: {what}"));
    let field = |at: usize| le32(rec, at).ok_or_else(|| bad("truncated"));
    let has_port = field(12)? != 0;
    let port = if has_port {
        let s = rec
            .get(56..58)
            .ok_or_else(|| bad("port outside the record"))?;
        Some(u16::from_le_bytes([s[0], s[1]]))
    } else {
        None
    };
    let text = |at: usize, what: &str| -> Result<String, ParseError> {
        let bytes = cstr(rec, field(at)? as usize).ok_or_else(|| bad(what))?;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    };
    let optional = |at: usize, what: &str| -> Result<Option<String>, ParseError> {
        match field(at)? {
            0 => Ok(None),
            _ => text(at, what).map(Some),
        }
    };
    let value_off = field(28)? as usize;
    Ok(Record {
        page,
        index,
        version: field(4)?,
        flags: field(8)?,
        domain: text(16, "domain offset out of bounds")?,
        name: text(20, "name offset out of bounds")?,
        path: text(24, "path offset out of bounds")?,
        value: cstr(rec, value_off)
            .ok_or_else(|| bad("value offset out of bounds"))?
            .to_vec(),
        comment: optional(32, "comment offset out of bounds")?,
        comment_url: optional(36, "comment URL offset out of bounds")?,
        port,
        expires: mac_time(rec, 40).ok_or_else(|| bad("bad expiry time"))?,
        created: mac_time(rec, 48).ok_or_else(|| bad("bad creation time"))?,
    })
}

/// A NUL-terminated string starting at `off`, which must end inside the record.
fn cstr(rec: &[u8], off: usize) -> Option<&[u8]> {
    if off < RECORD_HEAD {
        return None;
    }
    let tail = rec.get(off..)?;
    let nul = tail.iter().position(|&b| b == 0)?;
    tail.get(..nul)
}

/// Mac absolute time (f64 seconds since 2001) → Unix seconds; NaN/∞ are refused.
fn mac_time(rec: &[u8], at: usize) -> Option<f64> {
    let t = le_f64(rec, at)?;
    t.is_finite().then_some(t + MAC_EPOCH_OFFSET)
}
