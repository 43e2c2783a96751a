//! A stable sort for the short lists the results order (a timeline's events, a chart's
//! series and markers): insertion sort, one copy per element type. The standard library's
//! stable sort is several kilobytes of code for every call site in the page, for lists of a
//! few dozen items.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (as `slice::sort_by` does).
/// Quadratic: for lists of at most a few hundred items.
///
/// ```
/// use headroom_core::sort::stable_sort_by;
/// let mut months = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
/// stable_sort_by(&mut months, &|a, b| a.0.cmp(&b.0));
/// assert_eq!(months, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
/// ```
pub fn stable_sort_by<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            let mut theirs = items;
            stable_sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }
    }
}
