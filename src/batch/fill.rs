//! Filling a reader's buffer through interrupted reads: the one place the
//! batch readers (`compress`, `jsonl`, `warc`) retry a read a signal cut
//! short. It does not bound how much is read; its callers do.

use std::io::{self, BufRead};

/// `reader.fill_buf()`, retried while the read is interrupted
/// (`ErrorKind::Interrupted`); an empty slice at the end of input.
///
/// The retry loop only looks at the outcome: a non-empty buffer is then
/// taken by a second `fill_buf`, which returns the bytes already buffered
/// without reading (a loop that returned the first call's borrow would not
/// let the next iteration borrow the reader again).
pub fn fill_buf_retrying<R: BufRead + ?Sized>(reader: &mut R) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Ok([]) => return Ok(&[]),
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    reader.fill_buf()
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};

    use super::*;

    /// A reader whose first reads are interrupted, then gives its bytes a few at a time.
    struct Flaky {
        interruptions: usize,
        data: &'static [u8],
        reads: usize,
    }

    impl Read for Flaky {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.reads += 1;
            if self.interruptions > 0 {
                self.interruptions -= 1;
                return Err(io::Error::from(io::ErrorKind::Interrupted));
            }
            let n = self.data.len().min(out.len()).min(3);
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn interrupted_reads_are_retried_and_buffered_bytes_read_once() {
        let mut reader = BufReader::new(Flaky { interruptions: 2, data: b"abcdef", reads: 0 });
        assert_eq!(fill_buf_retrying(&mut reader).unwrap(), b"abc");
        assert_eq!(reader.get_ref().reads, 3, "two interrupted reads and one that read; the second fill_buf reads nothing");
        reader.consume(3);
        assert_eq!(fill_buf_retrying(&mut reader).unwrap(), b"def");
        reader.consume(3);
        assert_eq!(fill_buf_retrying(&mut reader).unwrap(), b"");
        assert_eq!(reader.get_ref().reads, 5, "the end of input is read once");
    }

    #[test]
    fn other_errors_are_returned() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let err = fill_buf_retrying(&mut BufReader::new(Broken)).unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
    }
}
