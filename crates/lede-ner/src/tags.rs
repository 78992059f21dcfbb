//! Entity types and the BILOU tag set the tagger predicts.

pub use lede_core::entity::EntityType;

/// The learned types, in tag-index order.
pub const LEARNED: [EntityType; 4] = [EntityType::Per, EntityType::Loc, EntityType::Org, EntityType::Misc];

/// Number of BILOU tags: O plus B, I, L, U for each of the four learned types.
pub const NUM_TAGS: usize = 1 + 4 * 4;

/// Position of a token within its chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    B = 0,
    I = 1,
    L = 2,
    U = 3,
}

/// Tag index: 0 = O, else 1 + type*4 + pos.
pub fn tag_index(kind: EntityType, pos: Pos) -> usize {
    let t = LEARNED.iter().position(|&k| k == kind).expect("learned type");
    1 + t * 4 + pos as usize
}

pub fn tag_parts(tag: usize) -> Option<(EntityType, Pos)> {
    if tag == 0 {
        return None;
    }
    let t = (tag - 1) / 4;
    let p = match (tag - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some((LEARNED[t], p))
}

pub fn tag_name(tag: usize) -> String {
    match tag_parts(tag) {
        None => "O".into(),
        Some((k, p)) => format!("{}-{}", ["B", "I", "L", "U"][p as usize], k.label()),
    }
}

/// Is `next` allowed to follow `prev` in a well-formed BILOU sequence? `prev = None` is the sentence
/// start.
pub fn allowed(prev: Option<usize>, next: usize) -> bool {
    let inside = |t: usize| matches!(tag_parts(t), Some((_, Pos::B | Pos::I)));
    match (prev, tag_parts(next)) {
        (p, None) => !p.is_some_and(inside),
        (p, Some((_, Pos::B | Pos::U))) => !p.is_some_and(inside),
        (None, Some((_, Pos::I | Pos::L))) => false,
        (Some(p), Some((k, Pos::I | Pos::L))) => inside(p) && tag_parts(p).map(|(pk, _)| pk) == Some(k),
    }
}

/// Is `tag` allowed as the last tag of a sentence?
pub fn allowed_last(tag: usize) -> bool {
    !matches!(tag_parts(tag), Some((_, Pos::B | Pos::I)))
}

/// BILOU tags from chunks over `n` tokens.
pub fn encode_bilou(n: usize, chunks: &[crate::conll::Chunk]) -> Vec<usize> {
    let mut out = vec![0; n];
    for c in chunks {
        if !LEARNED.contains(&c.kind) {
            continue;
        }
        if c.end - c.start == 1 {
            out[c.start] = tag_index(c.kind, Pos::U);
        } else {
            out[c.start] = tag_index(c.kind, Pos::B);
            for o in out.iter_mut().take(c.end - 1).skip(c.start + 1) {
                *o = tag_index(c.kind, Pos::I);
            }
            out[c.end - 1] = tag_index(c.kind, Pos::L);
        }
    }
    out
}

/// Chunks from a (well-formed or not) BILOU tag-index sequence.
pub fn decode_bilou(tags: &[usize]) -> Vec<crate::conll::Chunk> {
    let names: Vec<String> = tags.iter().map(|&t| tag_name(t)).collect();
    crate::conll::chunks(&names)
}

const fn inside_const(t: usize) -> bool {
    t != 0 && t < NUM_TAGS && ((t - 1).is_multiple_of(4) || (t - 1) % 4 == 1)
}

const fn build_transitions() -> [[bool; NUM_TAGS]; NUM_TAGS + 1] {
    let mut table = [[false; NUM_TAGS]; NUM_TAGS + 1];
    let mut prev = 0;
    while prev <= NUM_TAGS {
        let mut next = 0;
        while next < NUM_TAGS {
            let ok = if next == 0 || (next - 1) % 4 == 0 || (next - 1) % 4 == 3 {
                // O, B-, U-: only outside a name.
                !inside_const(prev)
            } else {
                // I-, L-: only inside a name of the same type.
                inside_const(prev) && (prev - 1) / 4 == (next - 1) / 4
            };
            table[prev][next] = ok;
            next += 1;
        }
        prev += 1;
    }
    table
}

/// `TRANSITIONS[prev][next]`: may `next` follow `prev` (index `NUM_TAGS` = sentence start)? The
/// same relation as [`allowed`], as a table for the decoders' inner loops.
pub static TRANSITIONS: [[bool; NUM_TAGS]; NUM_TAGS + 1] = build_transitions();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn transition_table_matches_allowed() {
        for prev in 0..=NUM_TAGS {
            for next in 0..NUM_TAGS {
                let p = if prev == NUM_TAGS { None } else { Some(prev) };
                assert_eq!(TRANSITIONS[prev][next], allowed(p, next), "{prev} -> {next}");
            }
        }
    }
}
