//! A stable sort that costs the page little code: the standard library's stable sort is several
//! kilobytes of code for every element type it sorts, and the page sorts a dozen kinds of short
//! lists (a timeline's events, a chart's series, milestones, observations, instance types).
//!
//! Here only the placing of the items is compiled per type (a few dozen bytes): the order is
//! found by one merge sort of positions, compiled once, that asks the caller's comparison
//! about two positions at a time.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (as `slice::sort_by` does).
/// O(n log n) comparisons, O(n) extra memory.
///
/// ```
/// use headroom_core::sort::stable_sort_by;
/// let mut months = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
/// stable_sort_by(&mut months, &|a, b| a.0.cmp(&b.0));
/// assert_eq!(months, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
/// ```
pub fn stable_sort_by<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    let mut order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    // Put old[order[i]] at i, one cycle of the permutation at a time.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The positions `0..len` in the order `compare` sorts them, equal ones in their order: a
/// bottom-up merge sort, which returns at once for a list already in order.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    if (1..len).all(|i| compare(i - 1, i) != Ordering::Greater) {
        return order;
    }
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut a, mut b) = (start, middle);
            for slot in &mut merged[start..end] {
                let take_a =
                    b >= end || (a < middle && compare(order[a], order[b]) != Ordering::Greater);
                if take_a {
                    *slot = order[a];
                    a += 1;
                } else {
                    *slot = order[b];
                    b += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            let mut theirs = items;
            stable_sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn a_long_list_in_reverse_sorts_quickly() {
        let mut items: Vec<u32> = (0..200_000).rev().collect();
        stable_sort_by(&mut items, &|a, b| a.cmp(b));
        assert!(items.windows(2).all(|w| w[0] < w[1]));
    }
}
