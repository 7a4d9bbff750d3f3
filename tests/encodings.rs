//! Pages and dumps in every encoding `encoding_rs` writes, with and without
//! a `<meta charset>` or a byte-order mark: the text comes out as written
//! (issue 18 item 17). Also the declarations a browser does not trust: a
//! `<meta>` naming UTF-16 on an ASCII-compatible page, and 7-bit
//! ISO-2022-JP, which is valid UTF-8 and must not be read as such.

use encoding_rs::Encoding;
use pith::{Extractor, ExtractorOptions, InputFormat};
use unicode_normalization::UnicodeNormalization;

/// A sentence in a language each encoding writes (the Universal
/// Declaration of Human Rights, article 1, where it fits).
const SAMPLES: &[(&str, &str)] = &[
    ("UTF-8", "Všichni lidé rodí se svobodní — 人人生而自由 — Όλοι οι άνθρωποι γεννιούνται ελεύθεροι."),
    ("IBM866", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
    ("ISO-8859-2", "Příliš žluťoučký kůň úpěl ďábelské ódy a zażółć gęślą jaźń w Łodzi."),
    ("ISO-8859-3", "Ĉiuj homoj estas denaske liberaj kaj egalaj laŭ digno kaj rajtoj, ĝis la ŝtato."),
    ("ISO-8859-4", "Visi žmonės gimsta laisvi ir lygūs savo orumu ir teisėmis, sakė ministras."),
    ("ISO-8859-5", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
    ("ISO-8859-6", "يولد جميع الناس أحرار متساوين في الكرامة والحقوق وقد وهبوا عقلا وضميرا."),
    ("ISO-8859-7", "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι στην αξιοπρέπεια και τα δικαιώματα."),
    ("ISO-8859-8", "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם, כך אמר השר."),
    ("ISO-8859-8-I", "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם, כך אמר השר."),
    ("ISO-8859-10", "Allir menn eru bornir frjálsir og jafnir að virðingu og réttindum, sagði ráðherrann."),
    ("ISO-8859-13", "Visi cilvēki piedzimst brīvi un vienlīdzīgi savā pašcieņā un tiesībās, teica ministrs."),
    ("ISO-8859-14", "Genir pawb yn rhydd ac yn gydradd â'i gilydd mewn urddas a hawliau, meddai'r gŵr."),
    ("ISO-8859-15", "L'élève a reçu ses œuvres complètes pour 30 € à Noël, dit le ministre français."),
    ("ISO-8859-16", "Toate ființele umane se nasc libere și egale în demnitate și în drepturi, a spus ministrul."),
    ("KOI8-R", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
    ("KOI8-U", "Усі люди народжуються вільними і рівними у своїй гідності та правах."),
    ("macintosh", "Die Straße führt über die Brücke nach München, wo es schön ist, sagte er."),
    ("windows-874", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ"),
    ("windows-1250", "Příliš žluťoučký kůň úpěl ďábelské ódy a zażółć gęślą jaźń w Łodzi."),
    ("windows-1251", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
    ("windows-1252", "Die Straße führt über die Brücke nach München, wo es schön ist, sagte er."),
    ("windows-1253", "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι στην αξιοπρέπεια και τα δικαιώματα."),
    ("windows-1254", "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar, dedi bakan."),
    ("windows-1255", "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם, כך אמר השר."),
    ("windows-1256", "يولد جميع الناس أحرارا متساوين في الكرامة والحقوق، وقد وهبوا عقلا وضميرا."),
    ("windows-1257", "Visi žmonės gimsta laisvi ir lygūs savo orumu ir teisėmis, sakė ministras."),
    ("windows-1258", "Đây là một câu văn bằng tiếng Việt về quyền con người và phẩm giá của mỗi người."),
    ("x-mac-cyrillic", "Все люди рождаются свободными и равными в своем достоинстве и правах."),
    ("GBK", "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"),
    ("gb18030", "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"),
    ("Big5", "人人生而自由，在尊嚴和權利上一律平等。他們賦有理性和良心，並應以兄弟關係的精神相對待。"),
    ("EUC-JP", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"),
    ("ISO-2022-JP", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"),
    ("Shift_JIS", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"),
    ("EUC-KR", "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았다."),
    ("UTF-16LE", "Všichni lidé rodí se svobodní — 人人生而自由 — Όλοι οι άνθρωποι γεννιούνται ελεύθεροι."),
    ("UTF-16BE", "Všichni lidé rodí se svobodní — 人人生而自由 — Όλοι οι άνθρωποι γεννιούνται ελεύθεροι."),
];

fn extractor() -> Extractor {
    Extractor::new(ExtractorOptions { input_format: InputFormat::Auto, ..ExtractorOptions::default() })
}

fn encoding(name: &str) -> &'static Encoding {
    Encoding::for_label(name.as_bytes()).unwrap_or_else(|| panic!("{name} is an encoding label"))
}

/// `text` in `enc` (UTF-16 by hand: `encoding_rs` writes UTF-8 for it, as
/// the WHATWG standard says a form must), with a BOM if asked.
fn encode(enc: &'static Encoding, text: &str, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if enc == encoding_rs::UTF_16LE {
        if bom {
            out.extend([0xFF, 0xFE]);
        }
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    } else if enc == encoding_rs::UTF_16BE {
        if bom {
            out.extend([0xFE, 0xFF]);
        }
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    } else {
        if bom {
            assert_eq!(enc, encoding_rs::UTF_8);
            out.extend([0xEF, 0xBB, 0xBF]);
        }
        let text = if enc == encoding_rs::WINDOWS_1258 { spelled_for_1258(text) } else { text.to_owned() };
        let (bytes, _, unmappable) = enc.encode(&text);
        assert!(!unmappable, "{} cannot write {text}", enc.name());
        out.extend_from_slice(&bytes);
    }
    out
}

/// Vietnamese as windows-1258 writes it: a precomposed letter where it
/// has one (`ê`), the tone as a combining mark (`ệ` = `ê` + U+0323).
fn spelled_for_1258(text: &str) -> String {
    let writable = |c: char| !encoding_rs::WINDOWS_1258.encode(c.encode_utf8(&mut [0; 4])).2;
    let mut out = String::new();
    for c in text.chars() {
        if writable(c) {
            out.push(c);
            continue;
        }
        let mut parts = std::iter::once(c).nfd();
        let mut base = parts.next().unwrap_or(c);
        let mut marks = Vec::new();
        for mark in parts {
            match unicode_normalization::char::compose(base, mark).filter(|&b| writable(b)) {
                Some(b) => base = b,
                _ => marks.push(mark),
            }
        }
        out.push(base);
        out.extend(marks);
    }
    out
}

/// A page with the sentence as its article, `meta` in its head.
fn page(sentence: &str, meta: &str) -> String {
    let p = format!("<p>{sentence} {sentence}</p>");
    format!("<!DOCTYPE html><html><head>{meta}<title>T</title></head><body><article>{p}{p}{p}</article></body></html>")
}

/// A dump: the sentence as three paragraphs.
fn dump(sentence: &str) -> String {
    format!("{sentence} {sentence}\n\n{sentence} {sentence}\n\n{sentence} {sentence}\n")
}

/// Extract `bytes` and say what went wrong, if anything: the sentence (NFC,
/// as pith writes) must be in the page's blocks (all of them, whatever the
/// classifier keeps: this is about reading the bytes), and the input read
/// as `format`.
fn check(case: &str, bytes: &[u8], sentence: &str, format: &str) -> Option<String> {
    let want: String = sentence.nfc().collect();
    match extractor().analyze(bytes, None) {
        Ok(a) => {
            let text = all_text(&a);
            let got = a.document.input_format.name();
            (got != format || !text.contains(&want)).then(|| format!("{case}: read as {got}: {:?}", text.chars().take(80).collect::<String>()))
        }
        Err(e) => Some(format!("{case}: {e}")),
    }
}

/// The text of every block of a page, NFC.
fn all_text(a: &pith::Analysis) -> String {
    a.blocks.iter().map(|b| b.text.nfc().collect::<String>()).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_encoding_with_meta_charset() {
    let mut failures = Vec::new();
    for &(name, sentence) in SAMPLES {
        let enc = encoding(name);
        let utf16 = enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE;
        let html = page(sentence, &format!("<meta charset=\"{name}\">"));
        failures.extend(check(&format!("{name} html meta"), &encode(enc, &html, false), sentence, "html"));
        let http_equiv = page(sentence, &format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={name}\">"));
        failures.extend(check(&format!("{name} html http-equiv"), &encode(enc, &http_equiv, false), sentence, "html"));
        if utf16 || enc == encoding_rs::UTF_8 {
            failures.extend(check(&format!("{name} html meta+BOM"), &encode(enc, &html, true), sentence, "html"));
            failures.extend(check(&format!("{name} dump BOM"), &encode(enc, &dump(sentence), true), sentence, "text"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Without a declaration the bytes decide: BOM, UTF-16 by its NUL bytes,
/// strict UTF-8, ISO-2022-JP by its escapes, then `chardetng`. Single-byte
/// encodings whose bytes another encoding reads as other letters (the
/// ISO-8859 parts beside their windows twins, the Mac encodings) cannot be
/// told from a sentence; they are checked to come out as text of the
/// right script, with no control character.
#[test]
fn every_encoding_detected_without_declaration() {
    let mut failures = Vec::new();
    for &(name, sentence) in SAMPLES {
        let enc = encoding(name);
        for (kind, text, format) in [("html", page(sentence, ""), "html"), ("dump", dump(sentence), "text")] {
            let bytes = encode(enc, &text, false);
            let case = format!("{name} {kind} undeclared");
            if AMBIGUOUS.contains(&name) {
                match extractor().analyze(&bytes, None) {
                    Ok(a) if a.document.input_format.name() == format && same_script(&all_text(&a), sentence) => {}
                    Ok(a) => failures.push(format!("{case}: {:?}", all_text(&a).chars().take(80).collect::<String>())),
                    Err(e) => failures.push(format!("{case}: {e}")),
                }
            } else {
                failures.extend(check(&case, &bytes, sentence, format));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Encodings `chardetng` does not tell from a look-alike on one sentence:
/// ISO-8859-15 from windows-1252 (`œ`, `€`), ISO-8859-3/14/16 and
/// windows-1254/1257 from other Latin encodings, the Mac encodings (which
/// it does not guess). Declared, they are read right (the test above).
const AMBIGUOUS: &[&str] =
    &["ISO-8859-3", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16", "macintosh", "windows-1254", "windows-1257", "x-mac-cyrillic"];

/// Whether `text` holds the sentence's ASCII words, and neither control
/// nor replacement characters: a look-alike's letters, not broken bytes.
fn same_script(text: &str, sentence: &str) -> bool {
    sentence.split(' ').filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_alphabetic())).all(|w| text.contains(w))
        && !text.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || c == char::REPLACEMENT_CHARACTER)
}

/// A `<meta>` declaring UTF-16 on bytes that are not: the WHATWG prescan
/// takes it as UTF-8 (a declaration readable as ASCII is no UTF-16), then
/// the bytes decide. Before: Shift_JIS came out as UTF-16 mojibake.
#[test]
fn meta_utf16_on_ascii_compatible_bytes_is_not_utf16() {
    let mut failures = Vec::new();
    for &(name, sentence) in SAMPLES {
        let enc = encoding(name);
        if !enc.is_ascii_compatible() || AMBIGUOUS.contains(&name) {
            continue;
        }
        for label in ["utf-16le", "utf-16be", "utf-16"] {
            let html = page(sentence, &format!("<meta charset={label}>"));
            failures.extend(check(&format!("{name} meta {label}"), &encode(enc, &html, false), sentence, "html"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// ISO-2022-JP is 7-bit: its bytes are valid UTF-8, and read so they give
/// escape-sequence garbage. Declared (or with its escapes and no
/// declaration) it is decoded as ISO-2022-JP.
#[test]
fn iso_2022_jp_is_not_read_as_utf8() {
    let sentence = "日本語の文章です。委員会は月曜日に最終報告書を公表しました。";
    let bytes = encode(encoding_rs::ISO_2022_JP, &page(sentence, "<meta charset=iso-2022-jp>"), false);
    assert!(bytes.is_ascii() && std::str::from_utf8(&bytes).is_ok());
    assert_eq!(check("declared", &bytes, sentence, "html"), None);
    let dump_bytes = encode(encoding_rs::ISO_2022_JP, &dump(sentence), false);
    assert_eq!(check("dump", &dump_bytes, sentence, "text"), None);
    let doc = extractor().extract(&bytes, None).expect("extracts");
    assert!(!doc.text.contains("$B"), "{}", doc.text);
}

/// UTF-16 HTML with a BOM is HTML, not a text dump of its markup.
#[test]
fn utf16_html_with_a_bom_is_html() {
    let sentence = "The committee published its final report on Monday, saying the harbour plan would go ahead.";
    for enc in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
        let bytes = encode(enc, &page(sentence, "<meta charset=utf-8>"), true);
        let doc = extractor().extract(&bytes, None).expect("extracts");
        assert_eq!(doc.input_format, InputFormat::Html, "{}", enc.name());
        assert!(doc.text.contains(sentence) && !doc.text.contains("<p>"), "{}: {}", enc.name(), doc.text);
    }
}

/// `text` in GB2312 or KS X 1001 with the high bits cleared, as the 7-bit
/// encodings write their double-byte runs.
fn seven_bit(enc: &'static Encoding, text: &str) -> Vec<u8> {
    enc.encode(text).0.iter().map(|b| b & 0x7F).collect()
}

/// The encodings WHATWG maps to `replacement` (a browser shows one U+FFFD)
/// are 7-bit: read as UTF-8 they give shift sequences and ASCII garbage.
/// pith decodes HZ when declared, ISO-2022-KR/CN declared or announced.
#[test]
fn hz_and_iso_2022_kr_cn_are_decoded() {
    let zh = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心。";
    let ko = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다";
    let wrap = |meta: &str, body: &[u8]| {
        let mut page = format!("<!DOCTYPE html><html><head>{meta}<title>T</title></head><body><article>").into_bytes();
        for _ in 0..3 {
            page.extend(b"<p>");
            page.extend(body);
            page.extend(b"</p>");
        }
        page.extend(b"</article></body></html>");
        page
    };
    let hz = [b"~{".as_slice(), &seven_bit(encoding_rs::GBK, zh), b"~}"].concat();
    let kr = [b"\x0e".as_slice(), &seven_bit(encoding_rs::EUC_KR, ko), b"\x0f"].concat();
    let cn = [b"\x0e".as_slice(), &seven_bit(encoding_rs::GBK, zh), b"\x0f"].concat();
    let cases = [
        ("hz declared", wrap("<meta charset=hz-gb-2312>", &hz), zh),
        ("iso-2022-kr declared", wrap("<meta charset=iso-2022-kr>\x1b$)C", &kr), ko),
        ("iso-2022-kr announced", wrap("\x1b$)C", &kr), ko),
        ("iso-2022-cn declared", wrap("<meta charset=iso-2022-cn>\x1b$)A", &cn), zh),
        ("iso-2022-cn announced", wrap("\x1b$)A", &cn), zh),
    ];
    let failures: Vec<String> = cases.iter().filter_map(|(case, bytes, want)| check(case, bytes, want, "html")).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `text`'s UTF-8 bytes read as windows-1252 and written out as UTF-8
/// again, as a scraper that guessed the charset wrong stores a page.
fn encoded_twice(text: &str) -> Vec<u8> {
    let (once, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
    once.into_owned().into_bytes()
}

#[test]
fn a_page_encoded_twice_reads_as_written() {
    let sentence = "Les œuvres complètes — 30 € à Noël, “dit-il”, n’est-ce pas…";
    let html = page(sentence, "<meta charset=\"utf-8\">").replace("<title>T</title>", &format!("<title>{sentence}</title>"));
    let bytes = encoded_twice(&html);
    assert!(std::str::from_utf8(&bytes).is_ok_and(|s| s.contains("Ã¨") && s.contains("â€”")), "the bytes are valid UTF-8, doubly encoded");
    assert_eq!(check("html encoded twice", &bytes, sentence, "html"), None);
    let title = extractor().analyze(&bytes, None).expect("extracts").document.metadata.title;
    assert_eq!(title.as_deref(), Some(sentence));
    assert_eq!(check("dump encoded twice", &encoded_twice(&dump(sentence)), sentence, "text"), None);
    // A page that also writes one character as itself is not repaired:
    // its mojibake may be quoted on purpose.
    let mixed = [encoded_twice(&dump(sentence)), "Ωμέγα\n".as_bytes().to_vec()].concat();
    assert!(check("mixed", &mixed, sentence, "text").is_some(), "a page not wholly encoded twice stays as it is");
}
