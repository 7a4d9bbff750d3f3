//! `pith::lang::detector::detect` gives what `whatlang::detect` gives, to
//! the bit of the confidence, on texts of every script and length.
//! `PITH_LANG_CORPUS=DIR` also compares them on every `*.txt` under DIR
//! (whole files cut at several lengths, and each line).

use pith::lang::detector;

/// Language, script and the confidence's bits of one detection.
type Found = Option<(whatlang::Lang, whatlang::Script, u64)>;

/// Ours and whatlang's, as comparable values.
fn both(text: &str) -> (Found, Found) {
    let key = |i: whatlang::Info| (i.lang(), i.script(), i.confidence().to_bits());
    (detector::detect(text).map(key), whatlang::detect(text).map(key))
}

fn assert_same(text: &str) {
    let (ours, theirs) = both(text);
    assert_eq!(ours, theirs, "{text:?}");
}

const SENTENCES: &[&str] = &[
    "Russia has firmly rejected any deployment of NATO troops in Ukraine, with the foreign minister declaring it unacceptable.",
    "Ende November hat die Parabolrinnenanlage des Kraftwerks in Dubai erstmals Strom in das Netz eingespeist.",
    "Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites, très contesté.",
    "El presidente anunció ayer que la economía del país crecerá más de lo previsto este año.",
    "Il ministro ha detto che il governo non cambierà la legge prima delle elezioni di primavera.",
    "O governo português aprovou hoje o orçamento do Estado para o próximo ano, com críticas.",
    "De minister zei dat de regering de wet niet zal veranderen voor de verkiezingen van volgend jaar.",
    "Rząd przyjął projekt ustawy o zmianie przepisów dotyczących podatku dochodowego od osób fizycznych.",
    "Vláda schválila návrh zákona o změně daně z příjmů fyzických osob, který začne platit příští rok.",
    "Hükümet, gelecek yıl yürürlüğe girecek olan gelir vergisi değişikliği tasarısını onayladı.",
    "Chính phủ đã thông qua dự thảo luật sửa đổi thuế thu nhập cá nhân, có hiệu lực từ năm sau.",
    "Правительство одобрило законопроект об изменении налога на доходы физических лиц в следующем году.",
    "Уряд схвалив законопроект про зміну податку на доходи фізичних осіб, який набуде чинності.",
    "Правителството одобри законопроекта за промяна на данъка върху доходите на физическите лица.",
    "Влада је усвојила предлог закона о измени пореза на доходак грађана који ступа на снагу.",
    "Regeringen godkände förslaget om ändrad inkomstskatt för privatpersoner som börjar gälla nästa år.",
    "Hallitus hyväksyi esityksen henkilöiden tuloveron muuttamisesta, joka tulee voimaan ensi vuonna.",
    "A kormány elfogadta a személyi jövedelemadó módosításáról szóló törvényjavaslatot jövőre.",
    "Guvernul a aprobat proiectul de lege privind modificarea impozitului pe venit al persoanelor fizice.",
    "الحكومة وافقت على مشروع القانون الخاص بتعديل ضريبة الدخل على الأفراد في العام المقبل",
    "政府批准了关于修改个人所得税的法律草案，该法律将于明年生效。",
    "政府は来年施行される個人所得税の改正法案を承認しました。とても大切なことです。",
    "सरकार ने व्यक्तिगत आयकर में बदलाव के विधेयक को मंजूरी दे दी है जो अगले साल लागू होगा।",
    "הממשלה אישרה את הצעת החוק לשינוי מס ההכנסה ליחידים שתיכנס לתוקף בשנה הבאה.",
    "Η κυβέρνηση ενέκρινε το νομοσχέδιο για την αλλαγή του φόρου εισοδήματος φυσικών προσώπων.",
    "Share this post! Follow us on Twitter · Subscribe · Home | News | Contact © 2025",
    "İlker Başbuğ, Ærøskøbing, Đà Nẵng, Łódź, Œuvre, ǅemal, Ĳsselmeer, ʻOkina, ŝi ĉiam ĝojas",
];

#[test]
fn every_sentence_alone_and_cut() {
    for s in SENTENCES {
        assert_same(s);
        for (i, _) in s.char_indices() {
            assert_same(&s[..i]);
            assert_same(&s[i..]);
        }
    }
}

#[test]
fn mixtures_of_languages_and_scripts() {
    for a in SENTENCES {
        for b in SENTENCES {
            assert_same(&format!("{a}\n{b}"));
            assert_same(&format!("{a} {b} {a}"));
        }
    }
    let all = SENTENCES.join("\n").repeat(8);
    assert_same(&all);
}

#[test]
fn degenerate_texts() {
    for s in ["", " ", "123 456", "!!!", "a", "ab", "\u{7f}", "x\u{7f}y", "ß", "İ", "ǅ", "Ω", "...a...", "A B C D E F"] {
        assert_same(s);
    }
}

#[test]
fn random_letter_soups() {
    // A fixed linear congruential generator: the same soups on every run.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let alphabet: Vec<char> = "aaabcdeeeefghiiijklmnoooprsstttuvwxyz     ,.äöüéèàçñßøåłżčšžąęőűгдеёжзийклмнопрст1".chars().collect();
    for round in 0..400 {
        let len = 1 + next(40 + round * 10);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        assert_same(&text);
    }
}

#[test]
fn corpus_if_given() {
    let Ok(dir) = std::env::var("PITH_LANG_CORPUS") else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else { panic!("cannot read {dir}") };
    let mut files = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        files += 1;
        for cut in [200, 1000, 4000, 20000] {
            let end = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            assert_same(&text[..end]);
        }
        for line in text.lines() {
            assert_same(line);
        }
    }
    assert!(files > 0, "no .txt files in {dir}");
}
