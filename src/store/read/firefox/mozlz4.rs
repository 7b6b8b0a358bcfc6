//! mozLz4 container used by Firefox session-restore files: the magic `mozLz40\0`, the
//! decompressed size as u32 little-endian, then one raw LZ4 *block* (not the frame format).

use std::path::Path;

use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"mozLz40\0";
/// Session files are JSON of a few MiB; refuse absurd sizes rather than allocate them.
const MAX_DECODED: usize = 256 * 1024 * 1024;

/// Decodes a mozLz4 file's bytes; `path` names the file in errors.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Vec<u8>> {
    let bad = |message: &str| Error::Parse {
        path: path.to_path_buf(),
        message: format!("not a valid mozLz4 session file ({message})"),
    };
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| bad("bad magic"))?;
    let (size, block) = rest
        .split_at_checked(4)
        .ok_or_else(|| bad("truncated header"))?;
    let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
    if size > MAX_DECODED {
        return Err(bad("declared size too large"));
    }
    lz4_flex::block::decompress(block, size).map_err(|_| bad("corrupt LZ4 block"))
}

/// Encodes `data` as a mozLz4 file Firefox can read back.
pub fn encode(data: &[u8]) -> Result<Vec<u8>> {
    let size = u32::try_from(data.len())
        .map_err(|_| Error::Other("session data too large for mozLz4".into()))?;
    let mut out = Vec::with_capacity(12 + data.len() / 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&lz4_flex::block::compress(data));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let p = Path::new("x.jsonlz4");
        let json = br#"{"cookies":[{"host":".a.test","name":"n","value":"v"}]}"#.repeat(20);
        let enc = encode(&json).unwrap();
        assert!(enc.starts_with(MAGIC));
        assert_eq!(decode(&enc, p).unwrap(), json);
        for bad in [
            &b""[..],
            b"mozLz40\0",
            b"mozLz40\0\x10\0\0\0\xff\xff",
            b"garbage!",
        ] {
            let e = decode(bad, p).unwrap_err().to_string();
            assert!(e.starts_with("x.jsonlz4: not a valid mozLz4"), "{e}");
        }
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&huge, p).is_err());
    }
}
