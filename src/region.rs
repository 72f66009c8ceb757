//! Read-scoped allocation: the small allocations of one read come from a few large blocks by
//! bumping a pointer, and the next read reuses the blocks.
//!
//! A read allocates and frees a great many small strings and vectors (the arena's names,
//! attributes and texts, the passes' scratch, the JSON out) and frees them all when it returns.
//! In the browser, taking them from the general allocator (dlmalloc) and giving each back cost
//! about 5% of a read (same-page A/B on Mozilla's test pages, identical Articles). Inside a
//! [`scope`]:
//! - an allocation is a pointer bump in the current block; a new block, from the general
//!   allocator, comes when it is full;
//! - freeing counts the block's live allocations down (and takes back the last allocation, so
//!   a scratch vector freed at once costs no room);
//! - when the scope closes, every block whose allocations were all freed is reused by the next
//!   read (the largest one is kept, the others go back to the general allocator).
//!
//! What the region never does, so memory stays bounded and nothing is ever freed twice:
//! - serve an allocation of [`BIG`] bytes or more (a vector of a million nodes), or one when
//!   its blocks reach [`CAP`] bytes in all: those go to the general allocator as usual;
//! - reuse a block that still holds a live allocation when the scope closes. It is sealed: no
//!   more allocations there, its allocations freed when their owner drops them, and the block
//!   itself goes back once they all are;
//! - serve anything outside a scope, or inside [`outside`] (what must outlive the read, such
//!   as the tables built once on first use).
//!
//! The engine's wasm is single-threaded, which is why the state sits in an `UnsafeCell` and
//! needs no lock. Natively the region is not the global allocator; the unit tests drive an
//! instance of their own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;

/// Allocations of this many bytes or more go to the general allocator.
pub const BIG: usize = 256 << 10;
/// The most the blocks may hold in all; past it, allocations go to the general allocator.
pub const CAP: usize = 256 << 20;
/// The first block's size; each new block is as large as all the others together, up to
/// [`MAX_BLOCK`].
const FIRST_BLOCK: usize = 1 << 20;
const MAX_BLOCK: usize = 16 << 20;
/// The most blocks (in use and sealed) at once; past it, allocations go to the general allocator.
const MAX_BLOCKS: usize = 32;
/// Alignment of every block; allocations that need more go to the general allocator.
const ALIGN: usize = 16;

#[derive(Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    /// Allocations in it not yet freed.
    live: usize,
    /// Left with live allocations when a scope closed: never bumped into again.
    sealed: bool,
}

const NO_BLOCK: Block = Block {
    start: 0,
    end: 0,
    live: 0,
    sealed: false,
};

struct State {
    /// Allocations are served from the blocks (inside a scope, outside `outside`).
    on: bool,
    /// A scope is open.
    open: bool,
    blocks: [Block; MAX_BLOCKS],
    n: usize,
    /// The block being bumped into (an index into `blocks`), if any.
    cur: Option<usize>,
    /// The next free byte of the current block.
    ptr: usize,
    /// Start of the latest allocation in the current block, while it is not freed (0: none).
    last: usize,
}

/// A region allocator over `A` (the general allocator).
pub struct Region<A: GlobalAlloc = System> {
    backing: A,
    s: UnsafeCell<State>,
}

// SAFETY: the engine's wasm runs on one thread; natively the region is not shared.
unsafe impl<A: GlobalAlloc> Sync for Region<A> {}

impl<A: GlobalAlloc> Region<A> {
    pub const fn new(backing: A) -> Self {
        Region {
            backing,
            s: UnsafeCell::new(State {
                on: false,
                open: false,
                blocks: [NO_BLOCK; MAX_BLOCKS],
                n: 0,
                cur: None,
                ptr: 0,
                last: 0,
            }),
        }
    }

    #[allow(clippy::mut_from_ref)]
    fn st(&self) -> &mut State {
        // SAFETY: single-threaded (see above), and no reference outlives one method call.
        unsafe { &mut *self.s.get() }
    }

    /// Runs `f` with the region serving allocations; on return, blocks whose allocations were
    /// all freed are kept for the next scope. A scope inside a scope is the outer one.
    pub fn scope<R>(&self, f: impl FnOnce() -> R) -> R {
        let s = self.st();
        if s.open {
            return f();
        }
        s.open = true;
        s.on = true;
        let r = f();
        let s = self.st();
        s.on = false;
        s.open = false;
        self.close();
        r
    }

    /// Runs `f` with allocations going to the general allocator, inside a scope or not: for
    /// what outlives the read.
    pub fn outside<R>(&self, f: impl FnOnce() -> R) -> R {
        let s = self.st();
        let was = s.on;
        s.on = false;
        let r = f();
        self.st().on = was;
        r
    }

    /// Blocks held (in use or kept for reuse) and of those, the sealed ones.
    pub fn blocks(&self) -> (usize, usize) {
        let s = self.st();
        (s.n, s.blocks[..s.n].iter().filter(|b| b.sealed).count())
    }

    /// Keeps the largest free block for the next scope, gives the other free ones back and
    /// seals the ones still in use.
    fn close(&self) {
        let s = self.st();
        let mut keep: Option<usize> = None;
        for i in 0..s.n {
            let b = s.blocks[i];
            if b.live == 0
                && keep.is_none_or(|k| s.blocks[k].end - s.blocks[k].start < b.end - b.start)
            {
                keep = Some(i);
            }
        }
        let mut j = 0;
        for i in 0..s.n {
            let b = s.blocks[i];
            if b.live > 0 {
                s.blocks[j] = Block { sealed: true, ..b };
                j += 1;
            } else if Some(i) == keep {
                s.blocks[j] = Block { sealed: false, ..b };
                j += 1;
            } else {
                // SAFETY: the block came from `backing` with this layout (see `grow`).
                unsafe {
                    self.backing
                        .dealloc(b.start as *mut u8, block_layout(b.end - b.start))
                };
            }
        }
        s.n = j;
        s.cur = None;
        s.last = 0;
        // The kept block is bumped from its start by the next scope.
        if let Some(i) = s.blocks[..j].iter().position(|b| !b.sealed) {
            s.cur = Some(i);
            s.ptr = s.blocks[i].start;
        }
    }

    /// The block holding `p`, if the region gave it.
    fn block_of(s: &State, p: usize) -> Option<usize> {
        if let Some(c) = s.cur {
            let b = &s.blocks[c];
            if p >= b.start && p < b.end {
                return Some(c);
            }
        }
        s.blocks[..s.n]
            .iter()
            .position(|b| p >= b.start && p < b.end)
    }

    /// A new current block for at least `size` bytes; false if the region is full.
    fn grow(&self, size: usize) -> bool {
        let s = self.st();
        if s.n == MAX_BLOCKS {
            return false;
        }
        let total: usize = s.blocks[..s.n].iter().map(|b| b.end - b.start).sum();
        let want = total.clamp(FIRST_BLOCK, MAX_BLOCK).max(size);
        if total + want > CAP {
            return false;
        }
        // SAFETY: a non-zero size and a valid alignment.
        let start = unsafe { self.backing.alloc(block_layout(want)) } as usize;
        if start == 0 {
            return false;
        }
        s.blocks[s.n] = Block {
            start,
            end: start + want,
            live: 0,
            sealed: false,
        };
        s.cur = Some(s.n);
        s.n += 1;
        s.ptr = start;
        s.last = 0;
        true
    }

    /// Bumps `layout` out of the current block (a new one if needed); None if the region does
    /// not serve it.
    fn bump(&self, layout: Layout) -> Option<*mut u8> {
        let size = layout.size();
        if size >= BIG || layout.align() > ALIGN {
            return None;
        }
        let fits = |s: &State| {
            s.cur.and_then(|c| {
                let p = (s.ptr + layout.align() - 1) & !(layout.align() - 1);
                (p + size <= s.blocks[c].end).then_some((c, p))
            })
        };
        let (c, p) = match fits(self.st()) {
            Some(at) => at,
            None => {
                if !self.grow(size) {
                    return None;
                }
                fits(self.st())?
            }
        };
        let s = self.st();
        s.ptr = p + size;
        s.last = p;
        s.blocks[c].live += 1;
        Some(p as *mut u8)
    }
}

fn block_layout(size: usize) -> Layout {
    // SAFETY: ALIGN is a power of two and block sizes stay far below isize::MAX.
    unsafe { Layout::from_size_align_unchecked(size, ALIGN) }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Region<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.st().on {
            if let Some(p) = self.bump(layout) {
                return p;
            }
        }
        self.backing.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let s = self.st();
        let p = ptr as usize;
        let Some(i) = Self::block_of(s, p) else {
            self.backing.dealloc(ptr, layout);
            return;
        };
        let b = &mut s.blocks[i];
        b.live -= 1;
        if Some(i) == s.cur && p == s.last {
            s.ptr = p;
            s.last = 0;
        }
        if b.live == 0 && b.sealed {
            // The last allocation of a sealed block: the block goes back.
            let b = *b;
            self.backing
                .dealloc(b.start as *mut u8, block_layout(b.end - b.start));
            s.n -= 1;
            s.blocks[i] = s.blocks[s.n];
            if s.cur == Some(s.n) {
                s.cur = Some(i);
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let s = self.st();
        let p = ptr as usize;
        let Some(i) = Self::block_of(s, p) else {
            return self.backing.realloc(ptr, layout, new_size);
        };
        if new_size <= layout.size() {
            return ptr;
        }
        // The latest allocation of the current block grows in place while it fits.
        if s.on
            && Some(i) == s.cur
            && p == s.last
            && new_size < BIG
            && p + new_size <= s.blocks[i].end
        {
            s.ptr = p + new_size;
            return ptr;
        }
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let q = self.alloc(new_layout);
        if !q.is_null() {
            std::ptr::copy_nonoverlapping(ptr, q, layout.size());
            self.dealloc(ptr, layout);
        }
        q
    }
}

/// The allocator of the engine's wasm.
#[cfg_attr(target_arch = "wasm32", global_allocator)]
pub static REGION: Region = Region::new(System);

/// Runs one read in a region scope (see the module comment). Natively, where the region is
/// not the global allocator, just runs it.
pub fn scope<R>(f: impl FnOnce() -> R) -> R {
    if cfg!(target_arch = "wasm32") {
        REGION.scope(f)
    } else {
        f()
    }
}

/// Runs `f` with the general allocator: for what outlives the read (tables built on first use).
pub fn outside<R>(f: impl FnOnce() -> R) -> R {
    if cfg!(target_arch = "wasm32") {
        REGION.outside(f)
    } else {
        f()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    #[test]
    fn a_scope_bumps_and_the_next_scope_reuses_the_block() {
        let r = Region::new(System);
        let first = r.scope(|| unsafe {
            let a = r.alloc(l(24));
            let b = r.alloc(l(40));
            assert_eq!(b as usize, a as usize + 24, "bumped right after the first");
            r.dealloc(a, l(24));
            r.dealloc(b, l(40));
            a as usize
        });
        assert_eq!(r.blocks(), (1, 0), "one block kept, none sealed");
        let again = r.scope(|| unsafe {
            let a = r.alloc(l(24));
            r.dealloc(a, l(24));
            a as usize
        });
        assert_eq!(
            again, first,
            "the next scope starts at the kept block's start"
        );
    }

    #[test]
    fn outside_a_scope_and_big_allocations_go_to_the_general_allocator() {
        let r = Region::new(System);
        unsafe {
            let a = r.alloc(l(24));
            r.dealloc(a, l(24));
        }
        assert_eq!(r.blocks(), (0, 0));
        r.scope(|| unsafe {
            let big = r.alloc(l(BIG));
            let kept = r.outside(|| r.alloc(l(64)));
            assert_eq!(r.blocks(), (0, 0), "neither came from a block");
            r.dealloc(big, l(BIG));
            r.dealloc(kept, l(64));
        });
    }

    #[test]
    fn a_block_with_a_survivor_is_sealed_until_it_is_freed() {
        let r = Region::new(System);
        let survivor = r.scope(|| unsafe {
            let s = r.alloc(l(32));
            s.write_bytes(7, 32);
            s
        });
        assert_eq!(r.blocks(), (1, 1), "the block is sealed, not reused");
        r.scope(|| unsafe {
            let a = r.alloc(l(32));
            assert!(
                !std::ptr::eq(a, survivor),
                "a new block serves the next scope"
            );
            a.write_bytes(1, 32);
            assert_eq!(*survivor, 7, "the survivor is intact");
            r.dealloc(a, l(32));
        });
        assert_eq!(r.blocks(), (2, 1));
        unsafe { r.dealloc(survivor, l(32)) };
        assert_eq!(r.blocks(), (1, 0), "the sealed block went back once empty");
    }

    #[test]
    fn realloc_grows_the_latest_in_place_and_moves_the_others() {
        let r = Region::new(System);
        r.scope(|| unsafe {
            let a = r.alloc(l(16));
            a.write_bytes(3, 16);
            let a2 = r.realloc(a, l(16), 64);
            assert_eq!(a2, a, "the latest allocation grows in place");
            let b = r.alloc(l(8));
            let a3 = r.realloc(a2, l(64), 128);
            assert!(a3 != a2, "not the latest any more: moved");
            assert_eq!(
                std::slice::from_raw_parts(a3, 16),
                &[3u8; 16],
                "contents kept"
            );
            let a4 = r.realloc(a3, l(128), BIG * 2);
            assert_eq!(*a4, 3, "moved to the general allocator, contents kept");
            r.dealloc(a4, l(BIG * 2));
            r.dealloc(b, l(8));
        });
        assert_eq!(r.blocks(), (1, 0));
    }

    #[test]
    fn a_full_block_gets_a_larger_one_and_the_largest_is_kept() {
        let r = Region::new(System);
        r.scope(|| unsafe {
            let mut ps = Vec::with_capacity(100_000);
            for _ in 0..100_000 {
                ps.push(r.alloc(l(100)));
            }
            assert!(r.blocks().0 > 1, "more than one block for 10 MB");
            for p in ps {
                r.dealloc(p, l(100));
            }
        });
        assert_eq!(r.blocks(), (1, 0), "only the largest block is kept");
    }
}
