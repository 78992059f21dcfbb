//! The shipped model: hashed feature rows, int8-quantised, pruned, stored sparsely, with the
//! gazetteer text in the same blob so the browser fetches one file.
//!
//! Layout (little-endian):
//! ```text
//! "LNER" | version u8 | bits u8 | tags u8 | flags u8 | scale f32
//! gazetteer_len u32 | gazetteer, front-coded, then its `cluster` list in binary (see `encode_gazetteer`)
//! rows u32 | row bucket deltas (LEB128) | row tag masks (3 bytes each) | non-zero weights (i8, row-major)
//! ```
//! Streams of like values sit together so a general-purpose compressor (gzip/brotli on the wire)
//! finds their regularities.

use crate::features::Featuriser;
use crate::gazetteer::Gazetteer;
use crate::perceptron::{DenseWeights, Weights};
use crate::tags::NUM_TAGS;

const MAGIC: &[u8; 4] = b"LNER";
/// 3: the gazetteer blob may end with a binary `cluster` list (version 2 blobs still load).
const VERSION: u8 = 3;
/// Flag bit: the model was trained for two-pass (document memory) tagging.
pub const FLAG_TWO_PASS: u8 = 1;
/// Documents get appositive/copular definitions (`DocContext::add_definitions`).
pub const FLAG_DEFINITIONS: u8 = 2;
// Bits 4..7 of the flags: beam width for decoding (0 or 1 = greedy).

/// Why a model blob could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    BadMagic,
    UnsupportedVersion(u8),
    Truncated,
    Corrupt(&'static str),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a lede-ner model (bad magic)"),
            ModelError::UnsupportedVersion(v) => write!(f, "unsupported model version {v}"),
            ModelError::Truncated => write!(f, "model data is truncated"),
            ModelError::Corrupt(what) => write!(f, "model data is corrupt: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The loaded, quantised model.
#[derive(Debug, Clone)]
pub struct QuantModel {
    pub bits: u32,
    pub flags: u8,
    /// Weight = stored i8 / scale (the scale is irrelevant to decoding, kept for inspection).
    pub scale: f32,
    pub gazetteer_text: String,
    pub gazetteer: Gazetteer,
    /// bucket → row number, or u32::MAX for an empty bucket.
    index: Vec<u32>,
    /// rows × NUM_TAGS weights.
    rows: Vec<i8>,
}

impl Weights for QuantModel {
    #[inline]
    fn add(&self, bucket: u32, scores: &mut [f32; NUM_TAGS]) {
        let r = self.index[bucket as usize];
        if r == u32::MAX {
            return;
        }
        let row = &self.rows[r as usize * NUM_TAGS..][..NUM_TAGS];
        for (s, &w) in scores.iter_mut().zip(row) {
            *s += w as f32;
        }
    }
}

/// How to turn float weights into int8.
#[derive(Debug, Clone, Copy)]
pub struct Quantisation {
    /// Clip at this quantile of |w| over non-zero weights (e.g. 0.9999) before scaling to ±127.
    pub clip_quantile: f64,
    /// Drop quantised weights whose magnitude is below this.
    pub min_abs: i8,
}

impl QuantModel {
    pub fn featuriser(&self) -> Featuriser {
        Featuriser { bits: self.bits, definitions: self.flags & FLAG_DEFINITIONS != 0 }
    }

    pub fn two_pass(&self) -> bool {
        self.flags & FLAG_TWO_PASS != 0
    }

    /// Beam width the model was tuned with.
    pub fn beam(&self) -> usize {
        ((self.flags >> 4) as usize).max(1)
    }

    pub fn num_rows(&self) -> usize {
        self.rows.len() / NUM_TAGS
    }

    /// Quantise trained weights.
    #[allow(clippy::needless_range_loop)]
    pub fn quantise(w: &DenseWeights, bits: u32, flags: u8, gazetteer_text: String, q: Quantisation) -> QuantModel {
        let mut mags: Vec<f32> = w.w.iter().filter(|x| **x != 0.0).map(|x| x.abs()).collect();
        let clip = if mags.is_empty() {
            1.0
        } else {
            let k = ((mags.len() as f64 - 1.0) * q.clip_quantile) as usize;
            let (_, v, _) = mags.select_nth_unstable_by(k, |a, b| a.partial_cmp(b).unwrap());
            v.max(1e-6)
        };
        let scale = 127.0 / clip;
        let nb = 1usize << bits;
        let mut index = vec![u32::MAX; nb];
        let mut rows = Vec::new();
        for b in 0..nb {
            let src = &w.w[b * NUM_TAGS..][..NUM_TAGS];
            let mut row = [0i8; NUM_TAGS];
            let mut any = false;
            for (d, &x) in row.iter_mut().zip(src) {
                let v = (x * scale).round().clamp(-127.0, 127.0) as i8;
                if v.unsigned_abs() >= q.min_abs.unsigned_abs() && v != 0 {
                    *d = v;
                    any = true;
                }
            }
            if any {
                index[b] = (rows.len() / NUM_TAGS) as u32;
                rows.extend_from_slice(&row);
            }
        }
        let gazetteer = Gazetteer::parse(&gazetteer_text);
        QuantModel { bits, flags, scale, gazetteer_text, gazetteer, index, rows }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        // A model without clusters is written as version 2, which it is byte for byte.
        out.push(if self.gazetteer.cluster_count() > 0 { VERSION } else { 2 });
        out.push(self.bits as u8);
        out.push(NUM_TAGS as u8);
        out.push(self.flags);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let gz = encode_gazetteer(&self.gazetteer_text);
        out.extend_from_slice(&(gz.len() as u32).to_le_bytes());
        out.extend_from_slice(&gz);
        let mut buckets: Vec<(usize, u32)> =
            self.index.iter().enumerate().filter(|(_, r)| **r != u32::MAX).map(|(b, r)| (b, *r)).collect();
        buckets.sort_unstable();
        out.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for &(b, _) in &buckets {
            push_varint(&mut out, (b - last) as u64);
            last = b;
        }
        for &(_, r) in &buckets {
            let row = &self.rows[r as usize * NUM_TAGS..][..NUM_TAGS];
            let mask: u32 = row.iter().enumerate().filter(|(_, v)| **v != 0).map(|(t, _)| 1u32 << t).sum();
            out.extend_from_slice(&mask.to_le_bytes()[..3]);
        }
        for &(_, r) in &buckets {
            let row = &self.rows[r as usize * NUM_TAGS..][..NUM_TAGS];
            out.extend(row.iter().filter(|v| **v != 0).map(|v| *v as u8));
        }
        out
    }

    pub fn from_bytes(data: &[u8]) -> Result<QuantModel, ModelError> {
        let mut r = Reader { data, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u8()?;
        if version != VERSION && version != 2 {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let bits = r.u8()? as u32;
        if !(8..=24).contains(&bits) {
            return Err(ModelError::Corrupt("bucket bits out of range"));
        }
        if r.u8()? as usize != NUM_TAGS {
            return Err(ModelError::Corrupt("tag count"));
        }
        let flags = r.u8()?;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let glen = r.u32()? as usize;
        let gazetteer_text = decode_gazetteer(r.take(glen)?)?;
        let nrows = r.u32()? as usize;
        let nb = 1usize << bits;
        if nrows > nb {
            return Err(ModelError::Corrupt("more rows than buckets"));
        }
        let mut bucket_ids = Vec::with_capacity(nrows);
        let mut last = 0u64;
        for _ in 0..nrows {
            let mut d = 0u64;
            let mut shift = 0;
            loop {
                let b = r.u8()?;
                d |= ((b & 0x7f) as u64) << shift;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 35 {
                    return Err(ModelError::Corrupt("varint"));
                }
            }
            last += d;
            if last as usize >= nb {
                return Err(ModelError::Corrupt("bucket out of range"));
            }
            bucket_ids.push(last as usize);
        }
        let mut masks = Vec::with_capacity(nrows);
        for _ in 0..nrows {
            let m = r.take(3)?;
            masks.push(u32::from_le_bytes([m[0], m[1], m[2], 0]));
        }
        let mut index = vec![u32::MAX; nb];
        let mut rows = vec![0i8; nrows * NUM_TAGS];
        for (i, (&b, &m)) in bucket_ids.iter().zip(&masks).enumerate() {
            index[b] = i as u32;
            for t in 0..NUM_TAGS {
                if m & (1 << t) != 0 {
                    rows[i * NUM_TAGS + t] = r.u8()? as i8;
                }
            }
        }
        if r.pos != data.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        let gazetteer = Gazetteer::parse(&gazetteer_text);
        Ok(QuantModel { bits, flags, scale, gazetteer_text, gazetteer, index, rows })
    }
}

/// Gazetteer lines (`category<TAB>phrase`) grouped into `@category` sections, each entry written as
/// one digit (bytes shared with the previous entry, at most 9) and the rest: sorted names share long
/// prefixes, and this takes a quarter off the compressed size. The `cluster` list (random
/// fingerprints, which front-coding cannot shrink) follows after a NUL byte in binary: count u32,
/// then the sorted fingerprints' deltas and then the path codes, both LEB128.
pub fn encode_gazetteer(text: &str) -> Vec<u8> {
    let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut clusters: Vec<(u64, u32)> = Vec::new();
    for line in text.lines() {
        let Some((cat, phrase)) = line.split_once('\t') else { continue };
        if line.starts_with('#') || phrase.is_empty() || phrase.contains('\n') {
            continue;
        }
        if cat == "cluster" {
            if let Some((fp, path)) = phrase.split_once(' ')
                && let Ok(fp) = u64::from_str_radix(fp, 16)
                && let Some(code) = crate::gazetteer::parse_cluster_path(path)
            {
                clusters.push((fp, code));
            }
            continue;
        }
        match sections.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, v)) => v.push(phrase),
            None => sections.push((cat, vec![phrase])),
        }
    }
    let mut out = Vec::new();
    for (cat, phrases) in sections {
        out.push(b'@');
        out.extend_from_slice(cat.as_bytes());
        out.push(b'\n');
        let mut prev: &[u8] = b"";
        for p in phrases {
            let p = p.as_bytes();
            let shared = p.iter().zip(prev).take(9).take_while(|(a, b)| a == b).count();
            out.push(b'0' + shared as u8);
            out.extend_from_slice(&p[shared..]);
            out.push(b'\n');
            prev = p;
        }
    }
    if !clusters.is_empty() {
        clusters.sort_unstable();
        clusters.dedup_by_key(|c| c.0);
        out.push(0);
        out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
        let mut last = 0;
        for &(fp, _) in &clusters {
            push_varint(&mut out, fp - last);
            last = fp;
        }
        for &(_, code) in &clusters {
            push_varint(&mut out, code as u64);
        }
    }
    out
}

fn push_varint(out: &mut Vec<u8>, mut d: u64) {
    loop {
        let byte = (d & 0x7f) as u8;
        d >>= 7;
        if d == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
}

fn read_varint(r: &mut Reader<'_>) -> Result<u64, ModelError> {
    let mut d = 0u64;
    let mut shift = 0;
    loop {
        let b = r.u8()?;
        d |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Ok(d);
        }
        shift += 7;
        if shift > 35 {
            return Err(ModelError::Corrupt("varint"));
        }
    }
}

/// Decodes the binary `cluster` list back to `cluster<TAB><fingerprint hex> <path>` lines.
fn decode_clusters(data: &[u8], out: &mut Vec<u8>) -> Result<(), ModelError> {
    let mut r = Reader { data, pos: 0 };
    let n = r.u32()? as usize;
    if n > data.len() {
        return Err(ModelError::Corrupt("cluster count"));
    }
    let mut fps = Vec::with_capacity(n);
    let mut last = 0u64;
    for _ in 0..n {
        last = last.checked_add(read_varint(&mut r)?).ok_or(ModelError::Corrupt("cluster fingerprint"))?;
        fps.push(last);
    }
    for fp in fps {
        let code = read_varint(&mut r)?;
        if !(2..1 << 31).contains(&code) {
            return Err(ModelError::Corrupt("cluster path"));
        }
        let len = 63 - code.leading_zeros();
        out.extend_from_slice(format!("cluster\t{fp:06x} ").as_bytes());
        out.extend((0..len).map(|i| if code >> i & 1 == 1 { b'1' } else { b'0' }));
        out.push(b'\n');
    }
    if r.pos != data.len() {
        return Err(ModelError::Corrupt("trailing cluster bytes"));
    }
    Ok(())
}

pub fn decode_gazetteer(data: &[u8]) -> Result<String, ModelError> {
    let (data, clusters) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], Some(&data[nul + 1..])),
        None => (data, None),
    };
    let mut out = Vec::with_capacity(data.len() * 3);
    let mut cat: &[u8] = b"";
    let mut prev: Vec<u8> = Vec::new();
    for line in data.split(|&b| b == b'\n') {
        match line.first() {
            None => continue,
            Some(b'@') => {
                cat = &line[1..];
                prev.clear();
            }
            Some(&d) if d.is_ascii_digit() => {
                let shared = (d - b'0') as usize;
                if shared > prev.len() || cat.is_empty() {
                    return Err(ModelError::Corrupt("gazetteer prefix"));
                }
                prev.truncate(shared);
                prev.extend_from_slice(&line[1..]);
                out.extend_from_slice(cat);
                out.push(b'\t');
                out.extend_from_slice(&prev);
                out.push(b'\n');
            }
            Some(_) => return Err(ModelError::Corrupt("gazetteer line")),
        }
    }
    if let Some(c) = clusters {
        decode_clusters(c, &mut out)?;
    }
    String::from_utf8(out).map_err(|_| ModelError::Corrupt("gazetteer is not UTF-8"))
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let bits = 10;
        let mut w = DenseWeights { w: vec![0.0; (1 << bits) * NUM_TAGS] };
        w.w[5 * NUM_TAGS + 3] = 2.0;
        w.w[5 * NUM_TAGS + 16] = -1.0;
        w.w[900 * NUM_TAGS] = 0.5;
        let q = QuantModel::quantise(
            &w,
            bits,
            FLAG_TWO_PASS,
            "city\tParis\n".into(),
            Quantisation { clip_quantile: 1.0, min_abs: 1 },
        );
        let bytes = q.to_bytes();
        let back = QuantModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.num_rows(), 2);
        assert!(back.two_pass());
        let mut s = [0f32; NUM_TAGS];
        back.add(5, &mut s);
        assert_eq!(s[3], 127.0);
        assert_eq!(s[16], -64.0);
        assert_eq!(back.gazetteer.len(), 1);
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn gazetteer_front_coding_round_trips() {
        let text = "# header\ncity\tZürich\ncity\tZürichsee\nfirst\tAnna\ncity\tZug\nfirst\tAnnabel\n";
        let enc = encode_gazetteer(text);
        let dec = decode_gazetteer(&enc).unwrap();
        assert_eq!(dec, "city\tZürich\ncity\tZürichsee\ncity\tZug\nfirst\tAnna\nfirst\tAnnabel\n");
        assert_eq!(encode_gazetteer(&dec), enc);
    }

    #[test]
    fn cluster_list_round_trips_in_binary() {
        let text = "city\tZug\ncluster\tffff00 0110\ncluster\t00002a 1\ncluster\t000100 100000000000000001\n";
        let enc = encode_gazetteer(text);
        let dec = decode_gazetteer(&enc).unwrap();
        assert_eq!(dec, "city\tZug\ncluster\t00002a 1\ncluster\t000100 100000000000000001\ncluster\tffff00 0110\n");
        assert_eq!(encode_gazetteer(&dec), enc);
        let g = Gazetteer::parse(&dec);
        assert_eq!((g.len(), g.cluster_count()), (1, 3));
        // A cut cluster list is refused, not misread.
        assert!(decode_gazetteer(&enc[..enc.len() - 1]).is_err());
    }

    #[test]
    fn head_noun_lists_survive_the_blob() {
        let text =
            "city\tZug\nhead-group\tparty\nhead-group\tpartnership\nhead-location\tdistrict\ncluster\t00002a 1\n";
        let dec = decode_gazetteer(&encode_gazetteer(text)).unwrap();
        assert_eq!(
            dec,
            "city\tZug\nhead-group\tparty\nhead-group\tpartnership\nhead-location\tdistrict\ncluster\t00002a 1\n"
        );
        let g = Gazetteer::parse(&dec);
        assert_eq!((g.len(), g.cluster_count(), g.head_count()), (1, 1, 3));
        assert_eq!(g.head_class("Districts"), Some(2));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(QuantModel::from_bytes(b"nope").unwrap_err(), ModelError::BadMagic);
        assert_eq!(QuantModel::from_bytes(b"LNER\x02\x10").unwrap_err(), ModelError::Truncated);
    }
}
