from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import BinaryFileError, DamagedFileError, EmptyFileError, EncodingError, FileTooLargeError
from ingest.reading import decode, read_source


def test_empty_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match=r"empty\.txt: file is empty"):
        read_source(path)


def test_whitespace_only_file_is_refused() -> None:
    with pytest.raises(EmptyFileError, match="only whitespace"):
        decode(b"  \n\n\t ", "blank.txt")


def test_binary_file_is_refused() -> None:
    with pytest.raises(BinaryFileError, match=r"scan\.txt: binary file"):
        decode(b"%PDF-1.7\x00\x01\x02" * 100, "scan.txt")


def test_cp1252_falls_back_and_says_so() -> None:
    text, encoding, notes = decode("Councillor O’Brien said £5.".encode("cp1252"), "old.txt")
    assert text == "Councillor O’Brien said £5."
    assert encoding == "cp1252"
    assert "decoded as cp1252" in notes[0]


def test_undecodable_bytes_name_the_file() -> None:
    with pytest.raises(EncodingError, match=r"bad\.txt: not UTF-8"):
        decode(b"Minutes \x81\x8d\x8f\x90\x9d of the meeting", "bad.txt")


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(FileTooLargeError, match=r"huge\.txt: file is 52\.4 MB, over the 20 MB limit"):
        read_source(path)


def test_a_pdf_may_be_larger_than_text_but_not_without_limit(tmp_path: Path) -> None:
    big = tmp_path / "printed-minutes.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(50 * 1024 * 1024)  # a 52 MB PDF: over the text limit, under the document one
    with pytest.raises(DamagedFileError, match=r"printed-minutes\.pdf: truncated or damaged PDF"):
        read_source(big)  # read, then refused for what it holds, not for its size
    with big.open("r+b") as handle:
        handle.truncate(120 * 1024 * 1024)
    with pytest.raises(FileTooLargeError, match=r"printed-minutes\.pdf: file is 125\.8 MB, over the 100 MB limit"):
        read_source(big)


def test_crlf_is_normalised_so_offsets_match_the_stored_text() -> None:
    text, _, notes = decode(b"The Clerk said this.\r\nThe Chair agreed.\r\n", "win.txt")
    assert text == "The Clerk said this.\nThe Chair agreed.\n"
    assert "line endings normalised to LF" in notes


def test_utf8_bom_is_dropped() -> None:
    text, encoding, _ = decode("\ufeffMinutes".encode(), "bom.txt")
    assert (text, encoding) == ("Minutes", "utf-8")
