//! INCI ingredient lists → ingredient classes (GUIDANCE §3: what gets paused after a
//! session, and what is recommended right after one).
//!
//! # How
//!
//! 1. [`parse_inci`] splits a pasted list into ingredient names. People paste from labels,
//!    shops and photos, so the splitter accepts commas, semicolons, line breaks, bullets,
//!    `Ingredients:` / `INCI:` / `Active Ingredients:` labels (also mid-text, as on US drug
//!    facts panels), `(and)` blends, `May contain` / `+/-` colourant tails, footnote
//!    asterisks and trailing periods. Commas inside balanced parentheses and between
//!    digits (`1,2-Hexanediol`, `0,5 %`) do not split.
//! 2. Each name is normalised once into a lookup key ([`normalise`]): lower case, hyphens
//!    and punctuation as spaces, percentages dropped. Parenthesised parts (`Parfum
//!    (Fragrance)`, `Salix Alba (Willow) Bark Extract`) and slash alternatives
//!    (`Water/Aqua/Eau`) are looked up on their own as well.
//! 3. A key is classified by an exact lookup in one sorted static table plus a few
//!    word-level rules for families with open-ended names (`retinyl …`, `… ascorbate`,
//!    `…peptide-N`, `… hyaluronate`, essential oils, shell and seed powders). Matching is
//!    on whole keys or whole words, never raw substrings, so `Ethylhexyl Salicylate` is not
//!    salicylic acid and `Lactobacillus Ferment` is not lactic acid.
//!
//! # Decisions on debatable ingredients
//!
//! - **Citric acid** is *not* an exfoliating acid: in almost every product it is a pH
//!   adjuster well under 1 %, and flagging it would pause nearly every cleanser and serum,
//!   which would teach people to ignore the pause. Real AHA products list glycolic, lactic
//!   or mandelic acid as well. Lactic, malic and tartaric acid *are* flagged wherever they
//!   appear, because GUIDANCE names them; pausing a product for a few days is cheap.
//! - **Sodium lactate** is a humectant, not an exfoliant. **Ammonium lactate** and
//!   **ammonium glycolate** are flagged: they are the buffered AHA actives of 12 %-lactic
//!   lotions and buffered glycolic products. **Capryloyl salicylic acid** (LHA) is a BHA.
//! - **Willow bark extract** (`Salix Alba/Nigra Bark Extract`) is flagged as an exfoliating
//!   acid: its salicin barely exfoliates, but it is sold as "natural BHA" and a short
//!   pause after needling errs on the safe side.
//! - **Azelaic acid**, **sodium salicylate** (a preservative) and fruit-extract "acid"
//!   blends are not flagged: GUIDANCE does not list them.
//! - **Benzyl alcohol** is not fragrance: it is an EU fragrance allergen but is labelled
//!   almost always because it is the preservative. The other EU allergens (the 26, plus
//!   common ones from the 2023 extension such as menthol, camphor and vanillin) are.
//!   **Aroma** / **flavour** count as fragrance.
//! - **Essential oils** count as fragrance: oils of aromatic genera (*Lavandula*,
//!   *Citrus*, *Mentha*, *Melaleuca* …) except seed and kernel oils, and any flower, leaf,
//!   peel, bark, needle or wood oil. Carrier oils (rosehip *fruit* oil, jojoba *seed* oil,
//!   chia *seed* oil) do not.
//! - **Scrubs**: pumice, perlite, bamboo stem powder and shell, seed, pit, stone, kernel,
//!   cob or husk powders (walnut shell, apricot seed …). **Jojoba esters**, **silica**,
//!   **polyethylene**, sugar and salt are *not*: they are far more often emollients,
//!   mattifiers, film formers or humectants, and the INCI name cannot tell beads apart.
//! - **Hydrating** is hyaluronic acid and its salts and derivatives only, as the issue
//!   says. **Glycerin** is not: it is in nearly everything, including the products that
//!   are paused, so it says nothing about "a hydrating serum".
//! - **Growth factors**: `sh-`/`rh-`/`Human Oligopeptide-N` and `…Polypeptide-N`
//!   (`sh-Oligopeptide-1` is EGF), names saying "growth factor" or EGF/FGF/IGF/KGF/VEGF/TGF,
//!   and conditioned media. These count as growth factors *only*, not also as peptides:
//!   the label names a recombinant growth factor, not a cosmetic signal peptide. Ferments
//!   that do not name a growth factor are not flagged.
//! - **Peptides**: any word ending in "peptide" (`Palmitoyl Tripeptide-1`, `Acetyl
//!   Hexapeptide-8`, `Copper Tripeptide-1`, `Dipeptide Diaminobutyroyl …`).
//! - **Vitamin C**: any word containing "ascorb" (ascorbic acid, ascorbyl esters, `…
//!   ascorbate`), including ascorbyl palmitate even when it is a small antioxidant: it is
//!   a derivative, and GUIDANCE pauses derivatives. Isoascorbic / erythorbic acid is not.
//! - **Retinoids**: retinol, retinal, tretinoin, adapalene, tazarotene, trifarotene,
//!   retinoic acid, `retinyl …` esters, `… retinoate`, "Vitamin A …". Bakuchiol is not.
//! - **Sunscreen filters**: zinc oxide, titanium dioxide and the organic filters under INCI,
//!   US and trade names. Titanium dioxide and zinc oxide labelled as colourants (`CI
//!   77891`, or in a `May contain` tail) are pigments, not filters.
//! - Text marked as absent (`Fragrance-free`, `Free from: parabens, fragrance`) is ignored
//!   up to the end of its sentence or line, whichever comes first: a missing period must
//!   not hide the real list that follows.
//!
//! Anything not recognised leaves the product *unclassified*, which the app shows as such
//! and never as "safe".

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The classes GUIDANCE §3 acts on.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IngredientClass {
    Retinoid,
    ExfoliatingAcid,
    BenzoylPeroxide,
    /// Physical scrubs (beads, shell powders, pumice).
    Scrub,
    VitaminC,
    Fragrance,
    Hydrating,
    Peptide,
    GrowthFactor,
    SunscreenFilter,
}

impl IngredientClass {
    /// Every class, in declaration order.
    pub const ALL: [IngredientClass; 10] = [
        IngredientClass::Retinoid,
        IngredientClass::ExfoliatingAcid,
        IngredientClass::BenzoylPeroxide,
        IngredientClass::Scrub,
        IngredientClass::VitaminC,
        IngredientClass::Fragrance,
        IngredientClass::Hydrating,
        IngredientClass::Peptide,
        IngredientClass::GrowthFactor,
        IngredientClass::SunscreenFilter,
    ];
}

/// What a product's ingredient list contains. An empty `classes` means "unclassified",
/// which the UI shows as such: never as "safe".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    pub classes: BTreeSet<IngredientClass>,
    /// Each recognised ingredient (as written) with its class, for "why".
    pub matches: Vec<IngredientMatch>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngredientMatch {
    pub ingredient: String,
    pub class: IngredientClass,
}

impl Classification {
    pub fn is_unclassified(&self) -> bool {
        self.classes.is_empty()
    }

    pub fn has(&self, class: IngredientClass) -> bool {
        self.classes.contains(&class)
    }

    /// The ingredients (as written) that put the product in `class`, so the UI can say why.
    pub fn ingredients_in(&self, class: IngredientClass) -> impl Iterator<Item = &str> + '_ {
        self.matches
            .iter()
            .filter(move |m| m.class == class)
            .map(|m| m.ingredient.as_str())
    }
}

/// Classify a pasted ingredient list.
pub fn classify(inci: &str) -> Classification {
    let mut out = Classification::default();
    for item in parse_items(inci) {
        for class in item_classes(&item).iter() {
            out.classes.insert(class);
            let seen = out
                .matches
                .iter()
                .any(|m| m.class == class && m.ingredient == item.name);
            if !seen {
                out.matches.push(IngredientMatch {
                    ingredient: item.name.clone(),
                    class,
                });
            }
        }
    }
    out
}

/// The ingredient names in a pasted list, cleaned of labels, bullets and footnote marks
/// but otherwise as written (so the UI can echo them back).
pub fn parse_inci(text: &str) -> Vec<String> {
    parse_items(text)
        .into_iter()
        .map(|item| item.name)
        .collect()
}

/// The lookup key for one ingredient name: lower case, words separated by single spaces,
/// hyphens and punctuation turned into spaces (so `sh-Oligopeptide-1`, `SH Oligopeptide 1`
/// and `sh-oligopeptide-1` agree), `/` kept tight, decimal points and commas kept only
/// between digits, and percentages (`2%`, `0,5 %`, `10% w/w`) dropped.
pub fn normalise(name: &str) -> String {
    let spaced = lower_and_space(name);
    let mut kept: Vec<&str> = Vec::new();
    let mut tokens = spaced.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        if token == "%" {
            if kept.last().is_some_and(|t| is_number(t)) {
                kept.pop();
            }
            skip_concentration_basis(&mut tokens);
            continue;
        }
        if token == "usp" {
            continue;
        }
        kept.push(token);
    }
    join_tokens(&kept)
}

// ---------------------------------------------------------------------------------------
// Normalisation helpers
// ---------------------------------------------------------------------------------------

/// First pass of [`normalise`]: lower-cases letters and digits and turns everything else
/// into token boundaries. `%` and `/` become tokens of their own so the second pass can
/// drop percentages and glue slash alternatives back together.
fn lower_and_space(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if is_footnote_mark(c) {
            // Superscript footnote numbers are "numeric" to Unicode: drop them first.
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '%' || c == '/' {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else if (c == '.' || c == ',') && between_digits(prev, next) {
            out.push(c);
        } else {
            out.push(' ');
        }
        prev = Some(c);
    }
    out
}

fn between_digits(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
}

/// Footnote markers and trademark signs that are not part of a name.
fn is_footnote_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '†' | '‡' | '§' | '®' | '™' | '©' | '¹' | '²' | '³' | '\u{2070}'..='\u{209F}'
    )
}

fn is_number(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// After a percentage, drops a `w/w`, `w/v` or `v/v` basis (tokens `w`, `/`, `w`).
fn skip_concentration_basis<'a, I>(tokens: &mut std::iter::Peekable<I>)
where
    I: Iterator<Item = &'a str> + Clone,
{
    let mut ahead = tokens.clone();
    let basis = matches!(
        (ahead.next(), ahead.next(), ahead.next()),
        (Some("w" | "v"), Some("/"), Some("w" | "v"))
    );
    if basis {
        tokens.nth(2);
    }
}

/// Joins tokens with single spaces, except around `/`, which stays tight so that
/// `Water / Aqua` and `Water/Aqua` give the same key.
fn join_tokens(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut prev_slash = true;
    for token in tokens {
        let slash = *token == "/";
        if !out.is_empty() && !slash && !prev_slash {
            out.push(' ');
        }
        out.push_str(token);
        prev_slash = slash;
    }
    out.trim_matches('/').to_string()
}

// ---------------------------------------------------------------------------------------
// Splitting a pasted list into ingredients
// ---------------------------------------------------------------------------------------

/// One ingredient as written, and whether it sits in a `May contain` colourant tail.
struct Item {
    name: String,
    in_colour_tail: bool,
}

/// Splits `text` into ingredients. Works line by line because a line break always ends
/// an ingredient, even inside an unclosed parenthesis (a typo should not swallow the rest
/// of the list).
fn parse_items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut in_tail = false;
    let mut pieces = Vec::new();
    for line in text.split(['\n', '\r']) {
        pieces.clear();
        split_line(line, &mut pieces);
        let mut negated = false;
        for &(piece, sentence_end) in &pieces {
            for raw in split_blends(piece) {
                let seg = clean_segment(raw);
                in_tail |= seg.tail_here;
                negated = (negated && !seg.heading) || seg.negated;
                if let (Some(name), false) = (seg.name, negated) {
                    items.push(Item {
                        name,
                        in_colour_tail: in_tail,
                    });
                }
                in_tail |= seg.tail_after;
            }
            negated &= !sentence_end;
        }
    }
    items
}

/// Splits one line at separators, recording for each piece whether a sentence ended
/// there (a period), which ends a "free from" claim. Commas, semicolons and periods inside
/// balanced parentheses do not split (`Zinc Oxide (20%, non-nano)`); if the line's
/// parentheses do not balance they protect nothing.
fn split_line<'a>(line: &'a str, out: &mut Vec<(&'a str, bool)>) {
    let protect = parens_balanced(line);
    let mut depth = 0usize;
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let inside = protect && depth > 0;
        if !inside && is_separator(c, prev, next) {
            out.push((&line[start..i], c == '.'));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push((&line[start..], true));
}

/// Whether `c` ends an ingredient. A comma between digits (`1,2-Hexanediol`, `0,5%`) and a
/// period before a digit (`0.5%`) do not.
fn is_separator(c: char, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        ',' => !between_digits(prev, next),
        '.' => !next.is_some_and(|n| n.is_ascii_digit()),
        ';' | ':' | '[' | ']' | '{' | '}' | '|' | '\t' => true,
        '•' | '·' | '●' | '○' | '◦' | '▪' | '■' | '□' | '‣' | '⁃' | '∙' | '►' | '▶' | '✓' | '✔' => {
            true
        }
        _ => false,
    }
}

fn parens_balanced(line: &str) -> bool {
    let mut depth = 0i32;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Splits trade-name blends written `A (and) B` into their ingredients.
fn split_blends(segment: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(segment);
    std::iter::from_fn(move || {
        let s = rest?;
        match find_ascii_ci(s, "(and)") {
            Some(at) => {
                rest = Some(&s[at + "(and)".len()..]);
                Some(&s[..at])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// Byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.char_indices().map(|(i, _)| i).find(|&i| {
        haystack
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// A raw segment after labels and markers are removed.
struct Segment {
    /// The ingredient, or `None` when the segment was only a label or empty.
    name: Option<String>,
    /// The segment opened a `May contain` / `+/-` tail that includes it.
    tail_here: bool,
    /// The segment ended with `May contain`: the tail starts after it.
    tail_after: bool,
    /// The segment opened a "free from" / "without" claim: the rest of the line lists
    /// what the product does *not* contain.
    negated: bool,
    /// The segment carried an `Ingredients` / `May contain` label, which ends a claim.
    heading: bool,
}

/// What a leading or trailing label phrase means.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Label {
    /// `Ingredients`, `INCI`, `Active Ingredients`, …: just drop it.
    Plain,
    /// `May contain`, `+/-`: colourants that depend on the shade follow.
    ColourTail,
    /// `Free from`, `Without`: what follows is absent.
    Negation,
}

/// Label phrases, longest first so `Active Ingredients` wins over `Ingredients`.
const LABELS: &[(&str, Label)] = &[
    ("full ingredient list", Label::Plain),
    ("inactive ingredients", Label::Plain),
    ("formulated without", Label::Negation),
    ("active ingredients", Label::Plain),
    ("inactive ingredient", Label::Plain),
    ("other ingredients", Label::Plain),
    ("active ingredient", Label::Plain),
    ("does not contain", Label::Negation),
    ("ingredient list", Label::Plain),
    ("ingredients", Label::Plain),
    ("ingredient", Label::Plain),
    ("may contain", Label::ColourTail),
    ("free from", Label::Negation),
    ("contains", Label::Plain),
    ("free of", Label::Negation),
    ("without", Label::Negation),
    ("(+/-)", Label::ColourTail),
    ("inci", Label::Plain),
    ("+/-", Label::ColourTail),
];

/// Words that, alone or together, make a segment a heading or a footnote rather than an
/// ingredient (`Drug Facts`, `Purpose`, `Nano`, `*from organic farming`). Sorted.
const NON_INGREDIENT_WORDS: &[&str] = &[
    "active",
    "agriculture",
    "certified",
    "contain",
    "contains",
    "drug",
    "facts",
    "farming",
    "from",
    "full",
    "inactive",
    "inci",
    "ingredient",
    "ingredients",
    "ingrédients",
    "list",
    "may",
    "nano",
    "non",
    "of",
    "organic",
    "other",
    "purpose",
];

fn clean_segment(raw: &str) -> Segment {
    let mut seg = Segment {
        name: None,
        tail_here: false,
        tail_after: false,
        negated: false,
        heading: false,
    };
    let mut s = trim_junk(raw);
    while let Some((rest, label)) = strip_leading_label(s) {
        seg.tail_here |= label == Label::ColourTail;
        seg.negated |= label == Label::Negation;
        seg.heading |= label != Label::Negation;
        s = trim_junk(rest);
    }
    while let Some((rest, label)) = strip_trailing_label(s) {
        seg.tail_after |= label == Label::ColourTail;
        s = trim_junk(rest);
    }
    let has_letters = s.chars().any(char::is_alphabetic);
    if has_letters && !is_heading(s) {
        seg.name = Some(display_name(s));
    }
    seg
}

/// Trims whitespace, bullets, list dashes, footnote marks, quotes and trailing periods.
fn trim_junk(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || is_footnote_mark(c)
            || matches!(
                c,
                '-' | '–' | '—' | '.' | '"' | '\'' | '“' | '”' | '>' | '='
            )
    })
}

fn strip_leading_label(s: &str) -> Option<(&str, Label)> {
    LABELS.iter().find_map(|&(phrase, label)| {
        let head = s.get(..phrase.len())?;
        let rest = &s[phrase.len()..];
        let boundary = !ends_alnum(phrase) || !rest.starts_with(char::is_alphanumeric);
        (head.eq_ignore_ascii_case(phrase) && boundary).then_some((rest, label))
    })
}

fn strip_trailing_label(s: &str) -> Option<(&str, Label)> {
    LABELS.iter().find_map(|&(phrase, label)| {
        let cut = s.len().checked_sub(phrase.len())?;
        let tail = s.get(cut..)?;
        let rest = &s[..cut];
        let boundary = !rest.ends_with(char::is_alphanumeric);
        let trailing_ok = label != Label::Negation;
        (tail.eq_ignore_ascii_case(phrase) && boundary && trailing_ok).then_some((rest, label))
    })
}

fn ends_alnum(s: &str) -> bool {
    s.ends_with(char::is_alphanumeric)
}

fn is_heading(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_lowercase();
            NON_INGREDIENT_WORDS.binary_search(&w.as_str()).is_ok()
        })
}

/// The name shown back to the user: footnote marks dropped, whitespace collapsed.
fn display_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let word: String = word.chars().filter(|&c| !is_footnote_mark(c)).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Classifying one ingredient
// ---------------------------------------------------------------------------------------

/// A small set of classes as bits, so classifying an ingredient allocates nothing.
#[derive(Copy, Clone, Default, PartialEq, Eq, Debug)]
struct ClassSet(u16);

impl ClassSet {
    fn insert(&mut self, class: IngredientClass) {
        self.0 |= 1 << class as u16;
    }

    fn remove(&mut self, class: IngredientClass) {
        self.0 &= !(1 << class as u16);
    }

    fn union(&mut self, other: ClassSet) {
        self.0 |= other.0;
    }

    fn iter(self) -> impl Iterator<Item = IngredientClass> {
        IngredientClass::ALL
            .into_iter()
            .filter(move |&c| self.0 & (1 << c as u16) != 0)
    }
}

/// Classes of one ingredient: its name without parentheses, each slash alternative, and
/// each parenthesised alternative are looked up, and the results united.
fn item_classes(item: &Item) -> ClassSet {
    let (base, groups) = split_parens(&item.name);
    let base_key = normalise(&base);
    if is_negated(&base_key) {
        return ClassSet::default();
    }
    let mut set = key_classes(&base_key);
    let mut colourant = item.in_colour_tail;
    if base_key.contains('/') {
        for part in base_key.split('/') {
            set.union(key_classes(part.trim()));
        }
    }
    for part in groups.iter().flat_map(|g| g.split([',', ';', '/'])) {
        let key = normalise(part);
        colourant |= is_colour_index(&key);
        set.union(key_classes(&key));
    }
    if colourant {
        set.remove(IngredientClass::SunscreenFilter);
    }
    set
}

/// Splits `Salix Alba (Willow) Bark Extract` into `Salix Alba  Bark Extract` and
/// `["Willow"]`. Nested parentheses stay in their outer group; an unclosed one runs to
/// the end.
fn split_parens(name: &str) -> (String, Vec<String>) {
    let mut base = String::with_capacity(name.len());
    let mut groups: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    groups.push(String::new());
                }
                depth += 1;
                base.push(' ');
            }
            ')' if depth > 0 => depth -= 1,
            ')' => base.push(' '),
            _ if depth > 0 => {
                if let Some(group) = groups.last_mut() {
                    group.push(c);
                }
            }
            _ => base.push(c),
        }
    }
    (base, groups)
}

/// `Fragrance-free`, `No fragrance`, `without parfum`: a claim about absence.
fn is_negated(key: &str) -> bool {
    let mut words = key.split([' ', '/']);
    let first = words.next();
    matches!(first, Some("no" | "without")) || key.split([' ', '/']).any(|w| w == "free")
}

/// `CI 77891` or `C.I. 77891`: a colour index number, i.e. a pigment.
fn is_colour_index(key: &str) -> bool {
    let rest = key.strip_prefix("ci ").or_else(|| key.strip_prefix("c i "));
    rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

/// Classes for one normalised key: the exact table, then the word rules.
fn key_classes(key: &str) -> ClassSet {
    let mut set = ClassSet::default();
    if key.is_empty() {
        return set;
    }
    if let Ok(i) = TABLE.binary_search_by(|(k, _)| k.cmp(&key)) {
        set.insert(TABLE[i].1);
    }
    set.union(word_rules(key));
    set
}

/// Rules for families whose names are open-ended. Each looks at whole words.
fn word_rules(key: &str) -> ClassSet {
    use IngredientClass::*;
    let mut set = ClassSet::default();
    let mut prev = "";
    let mut first = "";
    let mut last = "";
    let mut second_last = "";
    for (i, word) in key.split([' ', '/']).filter(|w| !w.is_empty()).enumerate() {
        if i == 0 {
            first = word;
        }
        if is_retinoid_word(word) {
            set.insert(Retinoid);
        }
        if is_vitamin_c_word(word) {
            set.insert(VitaminC);
        }
        if is_hyaluronic_word(word) {
            set.insert(Hydrating);
        }
        if is_fragrance_word(word) {
            set.insert(Fragrance);
        }
        if is_growth_factor_word(word) {
            set.insert(GrowthFactor);
        }
        if is_peptide_word(word) {
            if is_recombinant_growth_factor(prev, word) {
                set.insert(GrowthFactor);
            } else {
                set.insert(Peptide);
            }
        }
        second_last = prev;
        last = word;
        prev = word;
    }
    if starts_with_phrase(key, "vitamin a") {
        set.insert(Retinoid);
    }
    if starts_with_phrase(key, "vitamin c") {
        set.insert(VitaminC);
    }
    if has_phrase(key, "growth factor")
        || has_phrase(key, "growth factors")
        || has_phrase(key, "conditioned media")
        || has_phrase(key, "conditioned medium")
    {
        set.insert(GrowthFactor);
    }
    if has_phrase(key, "essential oil") || is_essential_oil(first, second_last, last) {
        set.insert(Fragrance);
    }
    if is_scrub_powder(second_last, last) {
        set.insert(Scrub);
    }
    set
}

fn is_retinoid_word(w: &str) -> bool {
    matches!(
        w,
        "retinol"
            | "retinal"
            | "retinaldehyde"
            | "tretinoin"
            | "isotretinoin"
            | "alitretinoin"
            | "adapalene"
            | "tazarotene"
            | "trifarotene"
            | "retinoic"
            | "retinoate"
            | "retinoid"
            | "retinoids"
    ) || w.starts_with("retinyl")
}

/// Ascorbic acid and its derivatives; isoascorbic (erythorbic) acid has no vitamin C
/// activity.
fn is_vitamin_c_word(w: &str) -> bool {
    w.contains("ascorb") && !w.starts_with("isoascorb")
}

fn is_hyaluronic_word(w: &str) -> bool {
    w == "hyaluronic" || w == "hyaluronan" || w.ends_with("hyaluronate")
}

fn is_fragrance_word(w: &str) -> bool {
    matches!(
        w,
        "parfum"
            | "parfums"
            | "fragrance"
            | "fragrances"
            | "perfume"
            | "aroma"
            | "flavor"
            | "flavour"
    )
}

fn is_growth_factor_word(w: &str) -> bool {
    matches!(
        w,
        "egf" | "fgf" | "afgf" | "bfgf" | "igf" | "kgf" | "vegf" | "tgf" | "pdgf" | "hgf"
    )
}

fn is_peptide_word(w: &str) -> bool {
    w.ends_with("peptide") || w.ends_with("peptides") || matches!(w, "matrixyl" | "argireline")
}

/// `sh-Oligopeptide-1` (EGF), `rh-Polypeptide-…`, `Human Oligopeptide-1`: recombinant
/// human growth factors named as peptides.
fn is_recombinant_growth_factor(prev: &str, w: &str) -> bool {
    matches!(prev, "sh" | "rh" | "human") && matches!(w, "oligopeptide" | "polypeptide")
}

/// Genera whose oils are essential oils (except seed and kernel oils, which are
/// carriers). Sorted for binary search.
const ESSENTIAL_OIL_GENERA: &[&str] = &[
    "abies",
    "amyris",
    "aniba",
    "anthemis",
    "artemisia",
    "boswellia",
    "cananga",
    "cedrus",
    "chamomilla",
    "chrysopogon",
    "cinnamomum",
    "cistus",
    "citrus",
    "commiphora",
    "coriandrum",
    "cupressus",
    "cymbopogon",
    "elettaria",
    "eucalyptus",
    "eugenia",
    "foeniculum",
    "helichrysum",
    "illicium",
    "jasminum",
    "juniperus",
    "laurus",
    "lavandula",
    "litsea",
    "melaleuca",
    "mentha",
    "myroxylon",
    "myrtus",
    "ocimum",
    "origanum",
    "pelargonium",
    "pimpinella",
    "pinus",
    "pogostemon",
    "ravensara",
    "rosmarinus",
    "salvia",
    "santalum",
    "styrax",
    "syzygium",
    "tanacetum",
    "thymus",
    "vetiveria",
    "zingiber",
];

/// Plant parts whose oils are distilled or pressed for scent, whatever the genus
/// (`Rosa Damascena Flower Oil` is fragrance, `Rosa Canina Fruit Oil` is not).
const AROMATIC_PARTS: &[&str] = &[
    "bark", "flower", "herb", "leaf", "needle", "peel", "rind", "twig", "wood", "zest",
];

fn is_essential_oil(first: &str, part: &str, last: &str) -> bool {
    if last != "oil" || part.is_empty() {
        return false;
    }
    let carrier_part = matches!(part, "seed" | "kernel" | "nut");
    let aromatic_genus = ESSENTIAL_OIL_GENERA.binary_search(&first).is_ok();
    (aromatic_genus && !carrier_part) || AROMATIC_PARTS.contains(&part)
}

/// `Juglans Regia Shell Powder`, `Prunus Armeniaca Seed Powder`, `Olea Europaea Seed
/// Powder`, `Prunus Amygdalus Dulcis Seed Meal`: ground hard plant parts.
fn is_scrub_powder(part: &str, last: &str) -> bool {
    match last {
        "powder" => matches!(
            part,
            "shell" | "seed" | "pit" | "stone" | "kernel" | "cob" | "husk"
        ),
        "meal" => matches!(part, "shell" | "seed"),
        _ => false,
    }
}

/// Whether `phrase` occurs in `key` as whole words.
fn has_phrase(key: &str, phrase: &str) -> bool {
    key.match_indices(phrase).any(|(at, _)| {
        let before = key[..at].chars().next_back();
        let after = key[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn starts_with_phrase(key: &str, phrase: &str) -> bool {
    key.strip_prefix(phrase)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// Exact names, normalised (see [`normalise`]) and sorted by bytes for binary search.
/// Families with open-ended names are in [`word_rules`] instead.
static TABLE: &[(&str, IngredientClass)] = {
    use IngredientClass::*;
    &[
        ("3 benzylidene camphor", SunscreenFilter),
        ("4 methylbenzylidene camphor", SunscreenFilter),
        ("acetyl cedrene", Fragrance),
        ("alpha isomethyl ionone", Fragrance),
        ("alpha pinene", Fragrance),
        ("alpha terpinene", Fragrance),
        ("alpha terpineol", Fragrance),
        ("amiloxate", SunscreenFilter),
        ("aminobenzoic acid", SunscreenFilter),
        ("ammonium glycolate", ExfoliatingAcid),
        ("ammonium lactate", ExfoliatingAcid),
        ("amyl cinnamal", Fragrance),
        ("amyl salicylate", Fragrance),
        ("amylcinnamyl alcohol", Fragrance),
        ("anethole", Fragrance),
        ("anise alcohol", Fragrance),
        ("avobenzone", SunscreenFilter),
        ("bambusa arundinacea stem powder", Scrub),
        ("bemotrizinol", SunscreenFilter),
        ("benzaldehyde", Fragrance),
        ("benzophenone 3", SunscreenFilter),
        ("benzophenone 4", SunscreenFilter),
        ("benzophenone 5", SunscreenFilter),
        ("benzophenone 8", SunscreenFilter),
        ("benzoyl peroxide", BenzoylPeroxide),
        ("benzyl benzoate", Fragrance),
        ("benzyl cinnamate", Fragrance),
        ("benzyl salicylate", Fragrance),
        ("benzylidene camphor sulfonic acid", SunscreenFilter),
        ("beta caryophyllene", Fragrance),
        ("beta pinene", Fragrance),
        ("betaine salicylate", ExfoliatingAcid),
        (
            "bis ethylhexyloxyphenol methoxyphenyl triazine",
            SunscreenFilter,
        ),
        ("bisdisulizole disodium", SunscreenFilter),
        ("bisoctrizole", SunscreenFilter),
        ("butyl methoxydibenzoylmethane", SunscreenFilter),
        ("butylphenyl methylpropional", Fragrance),
        ("camphor", Fragrance),
        ("capryloyl salicylic acid", ExfoliatingAcid),
        ("carvone", Fragrance),
        ("caryophyllene", Fragrance),
        ("cinnamal", Fragrance),
        ("cinnamyl alcohol", Fragrance),
        ("cinoxate", SunscreenFilter),
        ("citral", Fragrance),
        ("citronellol", Fragrance),
        ("coumarin", Fragrance),
        ("d limonene", Fragrance),
        (
            "diethylamino hydroxybenzoyl hexyl benzoate",
            SunscreenFilter,
        ),
        ("diethylhexyl butamido triazone", SunscreenFilter),
        ("dioxybenzone", SunscreenFilter),
        (
            "disodium phenyl dibenzimidazole tetrasulfonate",
            SunscreenFilter,
        ),
        ("drometrizole trisiloxane", SunscreenFilter),
        ("ecamsule", SunscreenFilter),
        ("ensulizole", SunscreenFilter),
        ("enzacamene", SunscreenFilter),
        ("ethylhexyl dimethyl paba", SunscreenFilter),
        ("ethylhexyl methoxycinnamate", SunscreenFilter),
        ("ethylhexyl salicylate", SunscreenFilter),
        ("ethylhexyl triazone", SunscreenFilter),
        ("eugenol", Fragrance),
        ("eugenyl acetate", Fragrance),
        ("evernia furfuracea extract", Fragrance),
        ("evernia prunastri extract", Fragrance),
        ("farnesol", Fragrance),
        ("gamma terpinene", Fragrance),
        ("geraniol", Fragrance),
        ("geranyl acetate", Fragrance),
        ("gluconolactone", ExfoliatingAcid),
        ("glycolic acid", ExfoliatingAcid),
        ("hexadecanolactone", Fragrance),
        ("hexamethylindanopyran", Fragrance),
        ("hexyl cinnamal", Fragrance),
        ("hexyl salicylate", Fragrance),
        ("homosalate", SunscreenFilter),
        ("hydrous benzoyl peroxide", BenzoylPeroxide),
        ("hydroxycitronellal", Fragrance),
        ("hydroxyisohexyl 3 cyclohexene carboxaldehyde", Fragrance),
        ("iscotrizinol", SunscreenFilter),
        ("isoamyl p methoxycinnamate", SunscreenFilter),
        ("isoeugenol", Fragrance),
        ("isoeugenyl acetate", Fragrance),
        ("lactic acid", ExfoliatingAcid),
        ("lactobionic acid", ExfoliatingAcid),
        ("limonene", Fragrance),
        ("linalool", Fragrance),
        ("linalyl acetate", Fragrance),
        ("malic acid", ExfoliatingAcid),
        ("maltobionic acid", ExfoliatingAcid),
        ("mandelic acid", ExfoliatingAcid),
        ("menthol", Fragrance),
        ("menthyl anthranilate", SunscreenFilter),
        ("meradimate", SunscreenFilter),
        (
            "methoxypropylamino cyclohexenylidene ethoxyethylcyanoacetate",
            SunscreenFilter,
        ),
        ("methyl 2 octynoate", Fragrance),
        ("methyl salicylate", Fragrance),
        (
            "methylene bis benzotriazolyl tetramethylbutylphenol",
            SunscreenFilter,
        ),
        ("mexoryl 400", SunscreenFilter),
        ("mexoryl sx", SunscreenFilter),
        ("mexoryl xl", SunscreenFilter),
        ("myroxylon pereirae resin", Fragrance),
        ("octinoxate", SunscreenFilter),
        ("octisalate", SunscreenFilter),
        ("octocrylene", SunscreenFilter),
        ("octyl dimethyl paba", SunscreenFilter),
        ("octyl methoxycinnamate", SunscreenFilter),
        ("octyl salicylate", SunscreenFilter),
        ("octyl triazone", SunscreenFilter),
        ("oxybenzone", SunscreenFilter),
        ("paba", SunscreenFilter),
        ("padimate o", SunscreenFilter),
        ("parsol 1789", SunscreenFilter),
        ("peg 25 paba", SunscreenFilter),
        ("perlite", Scrub),
        ("phenylbenzimidazole sulfonic acid", SunscreenFilter),
        ("phenylene bis diphenyltriazine", SunscreenFilter),
        ("pinene", Fragrance),
        ("polysilicone 15", SunscreenFilter),
        ("pumice", Scrub),
        ("salicylaldehyde", Fragrance),
        ("salicylic acid", ExfoliatingAcid),
        ("salix alba bark extract", ExfoliatingAcid),
        ("salix nigra bark extract", ExfoliatingAcid),
        ("santalol", Fragrance),
        ("sclareol", Fragrance),
        ("sulisobenzone", SunscreenFilter),
        ("tartaric acid", ExfoliatingAcid),
        ("terephthalylidene dicamphor sulfonic acid", SunscreenFilter),
        ("terpinene", Fragrance),
        ("terpineol", Fragrance),
        ("terpinolene", Fragrance),
        ("tetramethyl acetyloctahydronaphthalenes", Fragrance),
        ("tinosorb m", SunscreenFilter),
        ("tinosorb s", SunscreenFilter),
        ("titanium dioxide", SunscreenFilter),
        ("trans anethole", Fragrance),
        ("trimethylbenzenepropanol", Fragrance),
        ("tris biphenyl triazine", SunscreenFilter),
        ("trolamine salicylate", SunscreenFilter),
        ("uvinul a plus", SunscreenFilter),
        ("uvinul t 150", SunscreenFilter),
        ("vanillin", Fragrance),
        ("willow bark extract", ExfoliatingAcid),
        ("zinc oxide", SunscreenFilter),
    ]
};

#[cfg(test)]
mod tests {
    use super::IngredientClass::*;
    use super::*;

    fn classes(inci: &str) -> Vec<IngredientClass> {
        classify(inci).classes.into_iter().collect()
    }

    #[test]
    fn table_is_sorted_unique_and_normalised() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?} before {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for (key, _) in TABLE {
            assert_eq!(normalise(key), *key);
        }
        for pair in ESSENTIAL_OIL_GENERA.windows(2) {
            assert!(pair[0] < pair[1]);
        }
        for pair in NON_INGREDIENT_WORDS.windows(2) {
            assert!(pair[0] < pair[1]);
        }
    }

    #[test]
    fn splits_on_commas_semicolons_lines_and_bullets() {
        let got = parse_inci(
            "Water, Glycerin; Niacinamide\nPanthenol\r\nAllantoin • Squalane · Urea|Betaine",
        );
        assert_eq!(
            got,
            [
                "Water",
                "Glycerin",
                "Niacinamide",
                "Panthenol",
                "Allantoin",
                "Squalane",
                "Urea",
                "Betaine"
            ]
        );
    }

    #[test]
    fn drops_labels_at_the_start_and_mid_text() {
        assert_eq!(
            parse_inci("Ingredients: Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(parse_inci("INCI: Aqua, Glycerin."), ["Aqua", "Glycerin"]);
        assert_eq!(
            parse_inci("Ingredients Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(
            parse_inci("Active Ingredients: Zinc Oxide 20%. Inactive Ingredients: Water, Glycerin"),
            ["Zinc Oxide 20%", "Water", "Glycerin"]
        );
        assert_eq!(
            parse_inci("Active ingredient: Zinc Oxide 20% Inactive ingredients: Water"),
            ["Zinc Oxide 20%", "Water"]
        );
        assert_eq!(
            parse_inci(
                "Drug Facts\nActive ingredient Purpose\nSalicylic Acid 2% ........ Acne treatment"
            ),
            ["Salicylic Acid 2%", "Acne treatment"]
        );
    }

    #[test]
    fn keeps_commas_inside_parentheses_and_between_digits() {
        assert_eq!(
            parse_inci("Zinc Oxide (20%, non-nano), 1,2-Hexanediol, Retinol 0,3%"),
            [
                "Zinc Oxide (20%, non-nano)",
                "1,2-Hexanediol",
                "Retinol 0,3%"
            ]
        );
        // An unclosed parenthesis protects nothing.
        assert_eq!(
            parse_inci("Parfum (Fragrance, Linalool, Glycerin"),
            ["Parfum (Fragrance", "Linalool", "Glycerin"]
        );
        // …and never runs past a line break.
        assert_eq!(
            parse_inci("Aqua (Water\nGlycerin"),
            ["Aqua (Water", "Glycerin"]
        );
    }

    #[test]
    fn decimals_stay_whole_and_periods_end_names() {
        assert_eq!(
            parse_inci("Retinol 0.5%. Squalane. Tocopherol."),
            ["Retinol 0.5%", "Squalane", "Tocopherol"]
        );
    }

    #[test]
    fn splits_and_blends() {
        assert_eq!(
            parse_inci("Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate"),
            ["Dimethyl Isosorbide", "Hydroxypinacolone Retinoate"]
        );
        assert_eq!(classes("Mica (AND) Titanium Dioxide"), [SunscreenFilter]);
    }

    #[test]
    fn footnotes_and_markers_are_dropped() {
        assert_eq!(
            parse_inci("Aloe Barbadensis Leaf Juice*, Glycerin**, Tocopherol¹. *Certified organic ingredients"),
            ["Aloe Barbadensis Leaf Juice", "Glycerin", "Tocopherol"]
        );
        assert_eq!(parse_inci("*from organic farming"), Vec::<String>::new());
        assert_eq!(parse_inci("- Water\n- Glycerin\n"), ["Water", "Glycerin"]);
    }

    #[test]
    fn may_contain_tail_is_parsed_and_marks_pigments() {
        let text = "Talc, Mica, Parfum. [+/- May Contain: CI 77891, CI 77491, Titanium Dioxide]";
        assert_eq!(
            parse_inci(text),
            [
                "Talc",
                "Mica",
                "Parfum",
                "CI 77891",
                "CI 77491",
                "Titanium Dioxide"
            ]
        );
        // Titanium dioxide as a shade pigment is not a UV filter.
        assert_eq!(classes(text), [Fragrance]);
        assert_eq!(
            classes("Mica, May contain (+/-): Titanium Dioxide"),
            Vec::new()
        );
        assert_eq!(classes("Titanium Dioxide (CI 77891)"), Vec::new());
        assert_eq!(classes("Titanium Dioxide [Nano]"), [SunscreenFilter]);
    }

    #[test]
    fn free_from_claims_are_not_ingredients() {
        assert_eq!(classes("Fragrance-free. Water, Glycerin"), Vec::new());
        assert_eq!(
            parse_inci("Free from: parabens, fragrance, retinol. Ingredients: Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(classes("Formulated without parfum, Water"), Vec::new());
        assert_eq!(
            classes("Water, Linalool\nFree from: parabens\nSalicylic Acid"),
            [ExfoliatingAcid, Fragrance]
        );
    }

    #[test]
    fn normalise_makes_spellings_agree() {
        assert_eq!(normalise("Sh-Oligopeptide-1"), "sh oligopeptide 1");
        assert_eq!(normalise("  SALICYLIC   acid 2%  "), "salicylic acid");
        assert_eq!(normalise("Salicylic Acid 2 % w/w"), "salicylic acid");
        assert_eq!(normalise("0.5% Retinol"), "retinol");
        assert_eq!(normalise("Retinol (0,5 %)"), "retinol");
        assert_eq!(normalise("Water / Aqua / Eau"), "water/aqua/eau");
        assert_eq!(normalise("Benzophenone–3"), "benzophenone 3");
        assert_eq!(normalise("1,2-Hexanediol"), "1,2 hexanediol");
        assert_eq!(normalise("Tinosorb® S"), "tinosorb s");
        assert_eq!(normalise("Benzoyl Peroxide 2.5% USP"), "benzoyl peroxide");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn parentheses_and_slashes_are_alternatives() {
        assert_eq!(classes("Aqua (Water), Parfum (Fragrance)"), [Fragrance]);
        assert_eq!(classes("Fragrance (Parfum)"), [Fragrance]);
        assert_eq!(classes("Parfum/Fragrance"), [Fragrance]);
        assert_eq!(classes("Water/Aqua/Eau"), Vec::new());
        assert_eq!(
            classes("Salix Alba (Willow) Bark Extract"),
            [ExfoliatingAcid]
        );
        assert_eq!(
            classes("Butyl Methoxydibenzoylmethane (Avobenzone) 3%"),
            [SunscreenFilter]
        );
        assert_eq!(classes("Vitamin A (Retinol)"), [Retinoid]);
        assert_eq!(classes("Ascorbic Acid (10%)"), [VitaminC]);
        assert_eq!(classes("Sodium Hyaluronate (Hyaluronic Acid)"), [Hydrating]);
    }

    #[test]
    fn salicylates_are_not_all_bha() {
        assert_eq!(classes("Salicylic Acid 2%"), [ExfoliatingAcid]);
        assert_eq!(classes("Betaine Salicylate"), [ExfoliatingAcid]);
        assert_eq!(classes("Ethylhexyl Salicylate"), [SunscreenFilter]);
        assert_eq!(classes("Octisalate 5%"), [SunscreenFilter]);
        assert_eq!(classes("Benzyl Salicylate"), [Fragrance]);
        assert_eq!(
            classes("Butyloctyl Salicylate, Tridecyl Salicylate"),
            Vec::new()
        );
        assert_eq!(classes("Sodium Salicylate"), Vec::new());
    }

    #[test]
    fn acid_look_alikes() {
        assert_eq!(classes("Lactobacillus Ferment, Sodium Lactate"), Vec::new());
        assert_eq!(classes("Lactic Acid"), [ExfoliatingAcid]);
        assert_eq!(classes("Maleic Acid"), Vec::new());
        assert_eq!(classes("Malic Acid"), [ExfoliatingAcid]);
        assert_eq!(classes("Citric Acid, Sodium Citrate"), Vec::new());
        assert_eq!(
            classes("Sodium Glycolate, Glycolic Acid Ethoxylate Lauryl Ether"),
            Vec::new()
        );
        assert_eq!(classes("Glycolic Acid 7%"), [ExfoliatingAcid]);
        assert_eq!(classes("Capryloyl Salicylic Acid"), [ExfoliatingAcid]);
    }

    #[test]
    fn vitamins_and_retinoid_look_alikes() {
        assert_eq!(classes("Tocopherol, Tocopheryl Acetate"), Vec::new());
        assert_eq!(
            classes("Bakuchiol, Beta-Carotene, Rosa Canina Fruit Oil"),
            Vec::new()
        );
        assert_eq!(classes("Retinyl Palmitate"), [Retinoid]);
        assert_eq!(classes("Hydroxypinacolone Retinoate"), [Retinoid]);
        assert_eq!(classes("Retinaldehyde 0.1%"), [Retinoid]);
        assert_eq!(classes("Tretinoin 0.025%"), [Retinoid]);
        assert_eq!(classes("Sodium Ascorbyl Phosphate"), [VitaminC]);
        assert_eq!(classes("3-O-Ethyl Ascorbic Acid"), [VitaminC]);
        assert_eq!(classes("Tetrahexyldecyl Ascorbate"), [VitaminC]);
        assert_eq!(classes("Sodium Erythorbate, Isoascorbic Acid"), Vec::new());
    }

    #[test]
    fn fragrance_allergens_but_not_benzyl_alcohol() {
        assert_eq!(classes("Benzyl Alcohol, Phenoxyethanol"), Vec::new());
        assert_eq!(classes("Linalool"), [Fragrance]);
        assert_eq!(classes("d-Limonene"), [Fragrance]);
        assert_eq!(classes("Alpha-Isomethyl Ionone"), [Fragrance]);
        assert_eq!(classes("Aroma"), [Fragrance]);
        assert_eq!(
            classes("Lavandula Angustifolia (Lavender) Oil"),
            [Fragrance]
        );
        assert_eq!(classes("Rosa Damascena Flower Oil"), [Fragrance]);
        assert_eq!(
            classes("Citrus Aurantium Dulcis (Orange) Fruit/Peel Oil"),
            [Fragrance]
        );
        assert_eq!(
            classes("Salvia Hispanica Seed Oil, Citrus Limon Fruit Extract"),
            Vec::new()
        );
    }

    #[test]
    fn peptides_and_growth_factors() {
        assert_eq!(classes("Palmitoyl Tripeptide-1"), [Peptide]);
        assert_eq!(classes("Copper Tripeptide-1"), [Peptide]);
        assert_eq!(classes("sh-Oligopeptide-1 (EGF)"), [GrowthFactor]);
        assert_eq!(
            classes("Human Fibroblast Conditioned Media"),
            [GrowthFactor]
        );
        assert_eq!(classes("sh-Pentapeptide-19"), [Peptide]);
    }

    #[test]
    fn scrubs_but_not_emollient_beads() {
        assert_eq!(classes("Juglans Regia (Walnut) Shell Powder"), [Scrub]);
        assert_eq!(classes("Prunus Armeniaca (Apricot) Seed Powder"), [Scrub]);
        assert_eq!(classes("Pumice"), [Scrub]);
        assert_eq!(
            classes("Jojoba Esters, Silica, Polyethylene, Sucrose"),
            Vec::new()
        );
    }

    #[test]
    fn matches_say_why_and_are_not_repeated() {
        let c = classify("Parfum, Linalool, Parfum");
        assert_eq!(
            c.ingredients_in(Fragrance).collect::<Vec<_>>(),
            ["Parfum", "Linalool"]
        );
        assert!(c.has(Fragrance));
        assert!(!c.is_unclassified());
    }

    #[test]
    fn empty_and_junk_input_is_unclassified() {
        for text in [
            "",
            "   ",
            ",,,;;\n\n",
            "Ingredients:",
            "2%",
            "See packaging",
        ] {
            assert!(classify(text).is_unclassified(), "{text:?}");
        }
    }

    #[test]
    fn odd_unicode_does_not_panic() {
        let text = "Ingrédients : Eau (Aqua), Glycérine, Parfum (Fragrance)… ÇA, ß, 😀, İ(, )), ((";
        let c = classify(text);
        assert!(c.has(Fragrance));
        let _ = parse_inci("ﬁ,İ,ǅ,(((,))),%%%,/,///,1,2,.,.5");
    }
}
