//! Multi-member gzip, member by member: what `gzip -d` reads. Members are
//! decoded one after another; zero bytes between members (tape-block
//! padding, which gzip(1) ignores) are skipped; and where each member starts
//! in the decompressed stream is shared through [`Members`], so a WARC
//! reader can find the next record after a broken one (Common Crawl writes
//! one record a member).
//!
//! As a [`BufRead`], no buffer handed out spans two members: a buffer that
//! starts where [`Members::current_start`] says starts a member.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::GzDecoder;

/// The first two bytes of a gzip member.
const MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Most empty members in a row. Each costs a decoder set-up (about 10 µs),
/// and a 60 MB file of 20-byte empty members would spin for half a minute
/// inside one read, out of reach of any deadline; no writer makes more
/// than a few. More is refused as corrupt input.
const MAX_EMPTY_MEMBERS: u32 = 1000;

/// Where the members of a gzip stream start, as it is read (shared with
/// the reader of the decompressed stream).
#[derive(Debug, Clone, Default)]
pub struct Members(Arc<MemberState>);

#[derive(Debug, Default)]
struct MemberState {
    /// Decompressed offset at which the member being read started.
    start: AtomicU64,
    /// Members started so far.
    count: AtomicU64,
}

impl Members {
    /// Decompressed offset at which the member whose bytes were last handed
    /// out started.
    pub fn current_start(&self) -> u64 {
        self.0.start.load(Ordering::Relaxed)
    }

    /// How many members were started so far.
    pub fn count(&self) -> u64 {
        self.0.count.load(Ordering::Relaxed)
    }

    fn begin(&self, at: u64) {
        self.0.start.store(at, Ordering::Relaxed);
        self.0.count.fetch_add(1, Ordering::Relaxed);
    }
}

/// The compressed stream inside the decoder, taken out between members so
/// the decoder (and its inflate state) is reused for the next one.
struct Slot<R>(Option<R>);

impl<R: Read> Read for Slot<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.as_mut().map_or(Ok(0), |r| r.read(buf))
    }
}

impl<R: BufRead> BufRead for Slot<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match &mut self.0 {
            Some(r) => r.fill_buf(),
            None => Ok(&[]),
        }
    }

    fn consume(&mut self, n: usize) {
        if let Some(r) = &mut self.0 {
            r.consume(n);
        }
    }
}

/// A [`BufRead`] over the decompressed bytes of every gzip member of `R`.
pub struct GzipMembers<R: BufRead> {
    /// The compressed stream, between members (inside `decoder` in one).
    stream: Option<R>,
    /// The decoder, kept from member to member once made.
    decoder: Option<GzDecoder<Slot<R>>>,
    /// Whether a member is being read.
    in_member: bool,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    /// Decompressed bytes produced so far.
    produced: u64,
    /// Members in a row that held nothing.
    empty_run: u32,
    /// Whether the current member has produced anything yet.
    member_produced: bool,
    /// Where members start, shared with the reader of the output.
    members: Members,
}

impl<R: BufRead> GzipMembers<R> {
    /// A reader of `inner`, decoding into a buffer of `capacity` bytes.
    pub fn new(inner: R, capacity: usize) -> Self {
        GzipMembers {
            stream: Some(inner),
            decoder: None,
            in_member: false,
            buf: vec![0; capacity.max(1)].into_boxed_slice(),
            pos: 0,
            filled: 0,
            produced: 0,
            empty_run: 0,
            member_produced: false,
            members: Members::default(),
        }
    }

    /// The shared record of member starts.
    pub fn members(&self) -> Members {
        self.members.clone()
    }

    /// Skip zero padding; `Ok(true)` if a member starts next, `Ok(false)` at the end.
    fn next_member(inner: &mut R) -> io::Result<bool> {
        loop {
            let head = match inner.fill_buf() {
                Ok(head) => head,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if head.is_empty() {
                return Ok(false);
            }
            let zeros = head.iter().take_while(|&&b| b == 0).count();
            if zeros > 0 {
                inner.consume(zeros);
                continue;
            }
            if head.len() == 1 && head[0] == MAGIC[0] {
                // Only the first magic byte is buffered: the decoder reads on.
                return Ok(true);
            }
            if head.starts_with(&MAGIC) {
                return Ok(true);
            }
            return Err(io::Error::new(io::ErrorKind::InvalidData, "bytes after a gzip member are neither a gzip member nor zero padding"));
        }
    }
}

impl<R: BufRead> Read for GzipMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for GzipMembers<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos >= self.filled {
            if self.in_member
                && let Some(decoder) = self.decoder.as_mut()
            {
                let n = decoder.read(&mut self.buf)?;
                if n > 0 {
                    self.member_produced = true;
                    self.pos = 0;
                    self.filled = n;
                    continue;
                }
                // The member ended: take the stream out for the next one.
                self.in_member = false;
                self.stream = decoder.get_mut().0.take();
                self.empty_run = if self.member_produced { 0 } else { self.empty_run + 1 };
                if self.empty_run > MAX_EMPTY_MEMBERS {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, format!("over {MAX_EMPTY_MEMBERS} empty gzip members in a row")));
                }
                continue;
            }
            let Some(stream) = self.stream.as_mut() else { return Ok(&[]) };
            if !Self::next_member(stream)? {
                return Ok(&[]);
            }
            let slot = Slot(self.stream.take());
            match self.decoder.as_mut() {
                Some(decoder) => {
                    decoder.reset(slot);
                }
                None => self.decoder = Some(GzDecoder::new(slot)),
            }
            self.in_member = true;
            self.member_produced = false;
            self.members.begin(self.produced);
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.filled - self.pos);
        self.pos += n;
        self.produced += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::gzip;
    use super::*;

    #[test]
    fn members_padding_and_starts() {
        let mut file = gzip(b"first ");
        file.extend([0u8; 512]);
        file.extend(gzip(b"second"));
        file.extend([0u8; 3]);
        let mut reader = GzipMembers::new(&file[..], 4);
        let members = reader.members();
        let mut starts = Vec::new();
        let mut out = Vec::new();
        loop {
            let buf = reader.fill_buf().unwrap();
            if buf.is_empty() {
                break;
            }
            if members.current_start() == out.len() as u64 {
                starts.push(out.len());
            }
            let n = buf.len();
            out.extend_from_slice(buf);
            reader.consume(n);
        }
        assert_eq!(out, b"first second");
        assert_eq!(starts, [0, 6]);
        assert_eq!(members.count(), 2);
    }

    #[test]
    fn a_run_of_empty_members_is_cut_off() {
        let empty = gzip(b"");
        let few = [gzip(b"a"), empty.repeat(10), gzip(b"b")].concat();
        let mut out = String::new();
        GzipMembers::new(&few[..], 64).read_to_string(&mut out).unwrap();
        assert_eq!(out, "ab");
        let many = [gzip(b"a"), empty.repeat(MAX_EMPTY_MEMBERS as usize + 1), gzip(b"b")].concat();
        let err = GzipMembers::new(&many[..], 64).read_to_string(&mut out).unwrap_err();
        assert!(err.to_string().contains("empty gzip members"), "{err}");
    }

    #[test]
    fn garbage_after_a_member_is_an_error() {
        let mut file = gzip(b"first");
        file.extend(b"junk");
        let mut out = String::new();
        assert!(GzipMembers::new(&file[..], 64).read_to_string(&mut out).is_err());
    }
}
