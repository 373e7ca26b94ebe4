//! Spec descriptions become doc comments that rustdoc and clippy accept as they are:
//! code blocks never run as doctests, common HTML becomes Markdown (see `html`), other
//! HTML and bare URLs cannot warn or break the page,
//! brackets cannot become broken intra-doc links, and list continuations are indented.

use std::borrow::Cow;
use std::cell::RefCell;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::error::Error;

/// How one module's doc comments are emitted. Docs are most of a big crate's text, and
/// each line as an attribute is lexed, parsed by syn and printed again by prettyplease; a
/// block of them as one short marker attribute is not. So a module to be formatted on its
/// own sets its docs aside ([`Docs::set_aside`]) and [`Docs::splice`] puts them back into
/// the formatted text; one placed inside another ([`Docs::inline`]) keeps them as attributes.
#[derive(Default)]
pub struct Docs {
    /// The blocks set aside, by marker number; `None` when docs are inline.
    set_aside: Option<RefCell<Vec<Vec<String>>>>,
}

impl Docs {
    /// Docs as attributes in the tokens.
    pub fn inline() -> Self {
        Self { set_aside: None }
    }

    /// Docs set aside, each block a marker in the tokens.
    pub fn set_aside() -> Self {
        Self { set_aside: Some(RefCell::default()) }
    }

    /// One `#[doc = " …"]` per line of `text` made safe, which prettyplease prints as `///`
    /// comments, or the marker standing for them.
    pub fn attrs(&self, text: Option<&str>) -> TokenStream {
        let Some(text) = text else { return TokenStream::new() };
        self.line_attrs(&sanitize(text))
    }

    /// Doc attributes for lines that are already safe (from [`sanitize`]), or the marker
    /// standing for them.
    pub fn line_attrs(&self, lines: &[String]) -> TokenStream {
        if let Some(marker) = self.defer(lines) {
            return quote!(#[doc = #marker]);
        }
        let attrs = lines.iter().map(|line| {
            let line = doc_literal(line);
            quote!(#[doc = #line])
        });
        quote!(#(#attrs)*)
    }

    /// The marker for `lines` if docs are set aside. Lines holding a line break are left
    /// to prettyplease, which prints them as a block comment.
    fn defer(&self, lines: &[String]) -> Option<String> {
        let set_aside = self.set_aside.as_ref()?;
        if lines.is_empty() || lines.iter().any(|line| line.contains('\n')) {
            return None;
        }
        let mut set_aside = set_aside.borrow_mut();
        set_aside.push(lines.to_vec());
        Some(format!("{MARKER}{}", set_aside.len() - 1))
    }

    /// `text`, formatted from tokens emitted with these docs, with the docs set aside put
    /// back in place of their markers.
    pub fn splice(self, text: String) -> Result<String, Error> {
        match self.set_aside {
            Some(set_aside) => splice(&text, &set_aside.into_inner()),
            None => Ok(text),
        }
    }
}

/// ` line` as a raw string literal. Docs are most of a big crate's text; a raw literal is
/// neither escaped here nor unescaped when the formatter reads it back, which an ordinary
/// one is, character by character. Either prints as the same `///` line.
fn doc_literal(line: &str) -> Literal {
    let text = if line.is_empty() { String::new() } else { format!(" {line}") };
    let mut hashes = String::new();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    // Sanitised lines hold no control characters, so the raw literal always lexes.
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| Literal::string(&text))
}

/// What a doc comment's marker starts with. Sanitised lines hold no control characters,
/// so no real doc comment can start with it.
const MARKER: char = '\u{1}';

/// Replaces each `///` marker line prettyplease printed with the lines it stands for, at
/// its indent, as prettyplease prints a doc attribute: `///`, then ` line` unless the line
/// is empty, with trailing spaces trimmed. Every marker must be found once, so no doc
/// comment can be lost (as it would be if one were printed some other way).
fn splice(text: &str, deferred: &[Vec<String>]) -> Result<String, Error> {
    if deferred.is_empty() {
        return Ok(text.to_owned());
    }
    let opening = format!("///{MARKER}");
    let unexpected = |what: &str| Error::Internal(format!("a deferred doc comment was printed unexpectedly: {what}"));
    let mut used = vec![false; deferred.len()];
    let mut out = String::with_capacity(text.len() + deferred.iter().flatten().map(|l| l.len() + 16).sum::<usize>());
    let mut rest = text;
    while let Some(at) = rest.find(&opening) {
        let line_start = rest[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let indent = &rest[line_start..at];
        let after = &rest[at + opening.len()..];
        let end = after.find('\n').unwrap_or(after.len());
        let number = after[..end].parse::<usize>().ok().filter(|n| *n < deferred.len() && !used[*n]);
        let Some(number) = number.filter(|_| indent.bytes().all(|b| b == b' ')) else {
            return Err(unexpected(&after[..end]));
        };
        used[number] = true;
        out.push_str(&rest[..line_start]);
        for (index, line) in deferred[number].iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            out.push_str(indent);
            out.push_str("///");
            let line = line.trim_end_matches(' ');
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
        }
        rest = &after[end..];
    }
    if let Some(lost) = used.iter().position(|used| !used) {
        return Err(unexpected(&format!("marker {lost} is missing")));
    }
    out.push_str(rest);
    Ok(out)
}

/// The lines of a doc comment made safe for rustdoc and clippy.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = visible_text(text);
    let text = if text.contains('<') { Cow::Owned(super::html::to_markdown(&text)) } else { text };
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut indented_block = false;
    let mut list_indent: Option<usize> = None;
    let mut previous_blank = true;
    for line in text.trim_matches('\n').lines() {
        let line = line.trim_end();
        // Indentation is counted in ASCII spaces only (tabs are spaces by now), so slicing
        // off the indent can never split a multi-byte character.
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(marker) = &fence {
            if closes_fence(trimmed, marker) {
                out.push(marker.clone());
                fence = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            let info = fence_language(&trimmed[marker.len()..]);
            close_indented(&mut out, &mut indented_block);
            out.push(format!("{marker}{info}"));
            fence = Some(marker);
            list_indent = None;
            previous_blank = false;
            continue;
        }
        if trimmed.trim().is_empty() {
            out.push(String::new());
            previous_blank = true;
            continue;
        }
        // Four spaces after a blank line start an indented code block, also a doctest.
        if indented_block || (indent >= 4 && previous_blank && list_indent.is_none()) {
            if indent >= 4 {
                if !indented_block {
                    trim_trailing_blank(&mut out);
                    if !out.is_empty() {
                        out.push(String::new());
                    }
                    out.push("```text".to_owned());
                    indented_block = true;
                }
                out.push(line[4..].to_owned());
                previous_blank = false;
                continue;
            }
            close_indented(&mut out, &mut indented_block);
        }
        let body = escape_inline(trimmed);
        if let Some(content) = list_item_content(trimmed) {
            list_indent = Some(indent + content);
            out.push(format!("{}{body}", " ".repeat(indent)));
        } else if trimmed.starts_with('>') {
            list_indent = None;
            out.push(body);
        } else if let (Some(width), false) = (list_indent, previous_blank) {
            // A lazy continuation of a list item: indent it under the item's text.
            out.push(format!("{}{body}", " ".repeat(width)));
        } else if let (Some(width), true) = (list_indent, indent > 0) {
            out.push(format!("{}{body}", " ".repeat(width.min(indent))));
        } else {
            list_indent = None;
            let previous_quoted = out.last().is_some_and(|l| l.starts_with('>'));
            out.push(if previous_quoted && !previous_blank { format!("> {body}") } else { body });
        }
        previous_blank = false;
    }
    if let Some(marker) = fence {
        out.push(marker);
    }
    close_indented(&mut out, &mut indented_block);
    trim_trailing_blank(&mut out);
    out
}

/// Spec text as it may stand in a comment: every spelling of a line break (CR LF, lone CR,
/// NEL, U+2028, U+2029, vertical tab, form feed) is `\n`, a tab is four spaces, and
/// characters a reader cannot see are dropped. rustc refuses the bidirectional controls in
/// comments (they can make code read other than it compiles: "trojan source"), and the
/// other invisible ones (zero-width spaces, BOM, soft hyphen, tag characters, controls)
/// can hide or disguise text just as well. Most text holds none of them and is borrowed.
pub fn visible_text(text: &str) -> Cow<'_, str> {
    // Docs are most of a big crate's text, and nearly all of it is printable ASCII: bytes
    // are checked first, and only other characters one by one.
    let ascii_clean = |b: u8| (b >= 0x20 && b != 0x7f) || b == b'\n';
    let clean = text.bytes().all(|b| ascii_clean(b) || b >= 0x80)
        && (text.is_ascii()
            || !text.chars().any(|c| !c.is_ascii() && (c.is_control() || is_invisible(c) || is_line_break(c))));
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str("    "),
            c if c == '\n' || is_line_break(c) => out.push('\n'),
            c if c.is_control() || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Line breaks other than `\n`.
fn is_line_break(c: char) -> bool {
    matches!(c, '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Characters that show nothing or change how the text around them is shown: the Unicode
/// format characters (general category Cf) that are not visible marks, and the Hangul
/// fillers, which are letters that render as blank. The zero-width joiner and non-joiner
/// stay: emoji sequences and Persian, Indic and other scripts need them, and they cannot
/// reorder or hide text.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// The language a fenced block keeps. rustdoc compiles a block as a doctest unless its info
/// string names another language: it reads the info string's words (split at commas and
/// spaces) and takes the block for Rust when there are none, or when one is `rust` or one
/// of its own attributes (`ignore`, `should_panic`, `no_run`, `compile_fail`,
/// `edition2021`, an error code such as `E0308`…), whatever else stands beside it. Such a
/// block, and one whose first word is not a plain language name, becomes `text`; any
/// other keeps only its first word, so no attribute can follow it.
fn fence_language(info: &str) -> &str {
    let mut words = info.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return "text" };
    let plain = first.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '#' | '.' | '_'));
    if !plain || std::iter::once(first).chain(words).any(is_rustdoc_word) { "text" } else { first }
}

/// Whether rustdoc reads `word` of an info string as Rust or as one of its attributes,
/// counting the misspellings it also warns about (`should-panic`, `compilefail`).
fn is_rustdoc_word(word: &str) -> bool {
    let bare = word.to_ascii_lowercase().replace(['-', '_'], "");
    let error_code = word.len() == 5 && word.starts_with('E') && word[1..].bytes().all(|b| b.is_ascii_digit());
    error_code
        || bare.starts_with("ignore")
        || bare.starts_with("edition")
        || matches!(
            bare.as_str(),
            "rust" | "shouldpanic" | "norun" | "compilefail" | "testharness" | "allowfail" | "standalonecrate"
        )
}

/// Whether `line` (without its indent) closes a block opened by `marker`: the same fence
/// character, at least as many times, and nothing after it.
fn closes_fence(line: &str, marker: &str) -> bool {
    let Some(fence_char) = marker.chars().next() else { return false };
    let run = line.chars().take_while(|c| *c == fence_char).count();
    run >= marker.len() && line[run..].trim().is_empty()
}

fn close_indented(out: &mut Vec<String>, open: &mut bool) {
    if *open {
        trim_trailing_blank(out);
        out.push("```".to_owned());
        out.push(String::new());
        *open = false;
    }
}

fn trim_trailing_blank(out: &mut Vec<String>) {
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
}

/// The width of a list marker and the spaces after it (`- `, `*   `, `12. `), if the line
/// starts one: where the item's text starts, and so where its continuation lines must.
/// CommonMark counts up to four spaces; more start an indented block after one.
fn list_item_content(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let numbered =
                digits > 0 && digits < 10 && bytes.get(digits..digits + 2).is_some_and(|s| s == b". " || s == b") ");
            if !numbered {
                return None;
            }
            digits + 1
        }
    };
    let spaces = bytes[marker..].iter().take_while(|b| **b == b' ').count();
    Some(marker + if spaces > 4 { 1 } else { spaces })
}

/// Escapes a line outside code spans: `<` (HTML), `[`/`]` (unless a real Markdown link)
/// and bare URLs (wrapped in `<>` so rustdoc links them instead of warning).
fn escape_inline(line: &str) -> String {
    if !line.contains(['`', '<', '>', '[', ']']) && !line.contains("http") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' || in_code {
            in_code ^= c == '`';
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' if i > 0 => out.push_str("&gt;"),
            '[' => match link_end(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            'h' if starts_url(&chars[i..]) && (i == 0 || !matches!(chars[i - 1], '(' | '<' | '/' | '"' | '\'')) => {
                let end = url_end(&chars, i);
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_code {
        // An unclosed backtick would swallow later lines into a code span.
        out.push('`');
    }
    out
}

/// The end of a `[text](target)` link starting at `start`, if it is one.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + chars[start..].iter().position(|c| *c == ']')?;
    if chars.get(close + 1) != Some(&'(') || chars[start + 1..close].contains(&'[') {
        return None;
    }
    let paren = close + 1 + chars[close + 1..].iter().position(|c| *c == ')')?;
    let target: String = chars[close + 2..paren].iter().collect();
    (!target.contains(char::is_whitespace)).then_some(paren + 1)
}

fn starts_url(chars: &[char]) -> bool {
    let starts_with = |prefix: &str| prefix.chars().enumerate().all(|(i, c)| chars.get(i) == Some(&c));
    starts_with("http://") || starts_with("https://")
}

fn url_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '`') {
        end += 1;
    }
    while end > start && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{Docs, doc_literal, sanitize, splice, visible_text};
    use crate::format::format_items;

    /// A struct with item, field and nested-module docs, formatted with `docs`.
    fn documented(docs: Docs) -> String {
        let item = docs.attrs(Some("A pet.\n\nWith  \"quotes\" and \"# hashes."));
        let field = docs.attrs(Some("Its name.   "));
        let inner = docs.attrs(Some("Nested, indented twice."));
        let tokens = quote! {
            #item
            pub struct Pet {
                #field
                pub name: String,
            }
            pub mod inner {
                pub mod deeper {
                    #inner
                    pub struct Toy;
                }
            }
        };
        docs.splice(format_items(vec![tokens], "test").expect("formats")).expect("splices")
    }

    #[test]
    fn docs_set_aside_print_as_prettyplease_prints_them() {
        let direct = documented(Docs::inline());
        assert_eq!(documented(Docs::set_aside()), direct);
        assert!(direct.contains("/// A pet.\n///\n/// With"), "{direct}");
        assert!(direct.contains("\n        /// Nested, indented twice.\n        pub struct Toy;"), "{direct}");
        // Set aside, a doc comment is a marker in the tokens.
        let attrs = |docs: Docs| docs.attrs(Some("x")).to_string();
        assert_ne!(attrs(Docs::set_aside()), attrs(Docs::inline()));
    }

    #[test]
    fn a_lost_or_repeated_marker_is_an_error() {
        let deferred = vec![vec!["one".to_owned()], vec!["two".to_owned()]];
        assert_eq!(splice("///\u{1}0\n  ///\u{1}1\n", &deferred).expect("splices"), "/// one\n  /// two\n");
        assert!(splice("///\u{1}0\n", &deferred).is_err());
        assert!(splice("///\u{1}0\n///\u{1}0\n///\u{1}1\n", &deferred).is_err());
        assert!(splice("///\u{1}7\n", &deferred).is_err());
        assert_eq!(splice("no docs\n", &[]).expect("nothing to do"), "no docs\n");
    }

    #[test]
    fn doc_lines_become_raw_literals_that_read_back_unchanged() {
        for line in ["plain", "", "a \"quote\"", "ends \"#", "both \"# and \"##", "back\\slash"] {
            let literal: syn::LitStr = syn::parse_str(&doc_literal(line).to_string()).expect("a string literal");
            let expected = if line.is_empty() { String::new() } else { format!(" {line}") };
            assert_eq!(literal.value(), expected);
        }
    }

    fn clean(text: &str) -> String {
        sanitize(text).join("\n")
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        assert_eq!(clean("Example:\n```\nlet x = 1;\n```"), "Example:\n```text\nlet x = 1;\n```");
        assert_eq!(clean("```rust\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(clean("```json\n{\"a\": 1}\n```"), "```json\n{\"a\": 1}\n```");
        assert_eq!(clean("Run:\n\n    curl -X POST\n    x\n\nDone"), "Run:\n\n```text\ncurl -X POST\nx\n```\n\nDone");
        assert_eq!(clean("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn html_brackets_and_urls_are_escaped() {
        assert_eq!(clean("A List<String> <b>bold</b> <blink>"), "A List&lt;String&gt; **bold** &lt;blink&gt;");
        assert_eq!(clean("<p>One.</p>\n<p>Two <code>a<b</code>.</p>"), "One.\n\nTwo `a<b`.");
        assert_eq!(clean("See [docs](https://x.io/a) or [this]."), "See [docs](https://x.io/a) or \\[this\\].");
        assert_eq!(clean("Visit https://x.io/a."), "Visit <https://x.io/a>.");
        assert_eq!(clean("Code `Vec<u8>` and `[x]` stay"), "Code `Vec<u8>` and `[x]` stay");
        assert_eq!(clean("> quoted\nlazy"), "> quoted\n> lazy");
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(clean("- first\ncontinued\n- second"), "- first\n  continued\n- second");
        assert_eq!(clean("1. one\nmore\n\nafter"), "1. one\n   more\n\nafter");
        // GitHub writes `*   item`: the text starts four columns in, and so must what follows.
        assert_eq!(clean("*   item\n  more"), "*   item\n    more");
    }

    #[test]
    fn unicode_whitespace_never_splits_a_character() {
        // Two ideographic spaces are six bytes: slicing four off would split one.
        assert_eq!(clean("a\n\n\u{3000}\u{3000}wide\n     \u{a0}x"), "a\n\n\u{3000}\u{3000}wide\n\u{a0}x");
        assert_eq!(clean("a\n\n      \u{3000}code"), "a\n\n```text\n  \u{3000}code\n```");
    }

    #[test]
    fn control_characters_and_tabs_go() {
        assert_eq!(clean("a\u{0}b\tc\r\nd"), "ab    c\nd");
        assert_eq!(clean("a\u{1b}b\u{7f}c\u{9b}d"), "abcd");
    }

    #[test]
    fn every_line_break_is_a_line_break() {
        for br in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            assert_eq!(clean(&format!("one{br}two")), "one\ntwo", "{br:?}");
        }
    }

    #[test]
    fn invisible_and_reordering_characters_go() {
        // Trojan source: an override that makes `admin` read as `nimda`, isolates, marks.
        let hostile = "if \u{202E}nimda\u{202C} \u{2066}x\u{2069} \u{200F}\u{61C}ok";
        assert_eq!(clean(hostile), "if nimda x ok");
        let hidden = "\u{FEFF}zero\u{200B}width\u{2060}\u{AD} tag\u{E0041}\u{E007F} fill\u{3164}er";
        assert_eq!(clean(hidden), "zerowidth tag filler");
        // Joiners are kept: emoji sequences and many scripts need them.
        assert_eq!(
            clean("\u{1F468}\u{200D}\u{1F469} \u{645}\u{200C}\u{6CC}"),
            "\u{1F468}\u{200D}\u{1F469} \u{645}\u{200C}\u{6CC}"
        );
        assert!(matches!(visible_text("plain\ntext"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn no_fence_rustdoc_would_run_keeps_its_tag() {
        for info in [
            "",
            "rust",
            "compile_fail",
            "should_panic",
            "no_run",
            "ignore",
            "ignore-windows",
            "edition2021",
            "rust,no_run",
            "no_run,edition2018",
            "text,should_panic",
            "should_panic text",
            "compile-fail",
            "test_harness",
            "E0308",
            "{.rust}",
            "standalone_crate",
        ] {
            assert_eq!(clean(&format!("```{info}\nfn main() {{}}\n```")), "```text\nfn main() {}\n```", "{info:?}");
            assert_eq!(clean(&format!("~~~ {info}\nx\n~~~")), "~~~text\nx\n~~~", "{info:?}");
        }
        assert_eq!(clean("```json title=\"a\"\n{}\n```"), "```json\n{}\n```");
        assert_eq!(clean("```c++\nint x;\n```"), "```c++\nint x;\n```");
        assert_eq!(clean("```python,ignore\nx\n```"), "```text\nx\n```");
    }

    #[test]
    fn only_a_bare_fence_closes_a_block() {
        // "```rust" inside a block is a line of it, not its end, as in CommonMark.
        assert_eq!(clean("````\n```rust\nx\n````\nafter"), "````text\n```rust\nx\n````\nafter");
        assert_eq!(clean("```\na\n``` \nb"), "```text\na\n```\nb");
    }
}
