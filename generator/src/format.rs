//! Emitted tokens to text: prettyplease, except for the bodies of the runtime's list macros.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::error::Error;

/// Macros whose input is a list of entries such as `name: "property" kind,`.
const LIST_MACROS: &[&str] = &["serde_struct", "response_struct", "string_enum"];

/// Formats the items of one module; `context` names it in the error a bug would cause.
/// Each emitted piece is parsed and printed on its own, which keeps memory proportional
/// to the largest item rather than the module, and a blank line separates items
/// (imports excepted).
pub fn format_items(pieces: Vec<TokenStream>, context: &str) -> Result<String, Error> {
    let mut out = String::new();
    let mut previous_was_use = false;
    for piece in pieces {
        let file: syn::File = syn::parse2(piece)
            .map_err(|e| Error::Internal(format!("the generated {context} is not valid Rust: {e}")))?;
        for item in file.items {
            let is_use = matches!(item, syn::Item::Use(_));
            if !(out.is_empty() || is_use && previous_was_use) {
                out.push('\n');
            }
            print_item(item, &mut out)?;
            previous_was_use = is_use;
        }
    }
    Ok(out)
}

/// The members of the block `head { … }` (an `impl`), printed as prettyplease prints them
/// inside it, without the block's own lines. The members of a big block, formatted in
/// shares and joined in order, are the block's inside; [`block`] puts them in the block.
pub fn format_members(head: &TokenStream, members: Vec<TokenStream>, context: &str) -> Result<String, Error> {
    let printed = format_items(vec![quote!(#head { #(#members)* })], context)?;
    // prettyplease prints the head on one line and the closing brace alone on the last.
    match printed.split_once('\n').and_then(|(_, inside)| inside.strip_suffix("}\n")) {
        Some(inside) => Ok(inside.to_owned()),
        None if printed.ends_with("{}\n") => Ok(String::new()),
        None => Err(Error::Internal(format!("prettyplease printed the {context} block unexpectedly: {printed}"))),
    }
}

/// The block `head { … }` holding `members`, shares of its inside from [`format_members`].
pub fn block(head: &TokenStream, members: &[String], context: &str) -> Result<String, Error> {
    let empty = format_items(vec![quote!(#head {})], context)?;
    let inside = members.concat();
    if inside.is_empty() {
        return Ok(empty);
    }
    let open = empty.strip_suffix("{}\n").ok_or_else(|| {
        Error::Internal(format!("prettyplease printed the empty {context} block unexpectedly: {empty}"))
    })?;
    Ok(format!("{open}{{\n{inside}}}\n"))
}

fn print_item(item: syn::Item, out: &mut String) -> Result<(), Error> {
    let unparse = |item| {
        prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![item] })
    };
    match item {
        syn::Item::Macro(mut item) if is_list_macro(&item.mac) => {
            // prettyplease fills a macro's input like a paragraph; a list reads better one
            // entry per line. It still prints the attributes and the path, around an empty body.
            let body = std::mem::take(&mut item.mac.tokens);
            let printed = unparse(syn::Item::Macro(item));
            let head = printed.strip_suffix("{}\n").ok_or_else(|| {
                Error::Internal(format!("prettyplease printed an empty macro call unexpectedly: {printed}"))
            })?;
            out.push_str(head);
            out.push_str("{\n");
            print_list(body, 1, out);
            out.push_str("}\n");
        }
        item => out.push_str(&unparse(item)),
    }
    Ok(())
}

fn is_list_macro(mac: &syn::Macro) -> bool {
    matches!(mac.delimiter, syn::MacroDelimiter::Brace(_))
        && mac.path.segments.last().is_some_and(|segment| LIST_MACROS.iter().any(|name| segment.ident == name))
}

/// Prints `tokens` one entry per line: a line ends after `,` and `;`, and braced groups
/// indent their contents. Words are separated by a space, except before `:`, `,` and `;`,
/// and after `.` (so `..rest` stays whole).
fn print_list(tokens: TokenStream, depth: usize, out: &mut String) {
    let mut line_start = true;
    let mut glued = false;
    for token in tokens {
        let glue_next = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '.');
        if line_start {
            out.extend(std::iter::repeat_n("    ", depth));
        }
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                if !line_start {
                    out.push(' ');
                }
                if group.stream().is_empty() {
                    out.push_str("{}\n");
                } else {
                    out.push_str("{\n");
                    print_list(group.stream(), depth + 1, out);
                    out.extend(std::iter::repeat_n("    ", depth));
                    out.push_str("}\n");
                }
                line_start = true;
            }
            TokenTree::Punct(punct) if matches!(punct.as_char(), ',' | ';') => {
                out.push(punct.as_char());
                out.push('\n');
                line_start = true;
            }
            TokenTree::Punct(punct) if punct.as_char() == ':' => {
                out.push(':');
                line_start = false;
            }
            token => {
                if !line_start && !glued {
                    out.push(' ');
                }
                out.push_str(&token.to_string());
                line_start = false;
            }
        }
        glued = glue_next;
    }
    if !line_start {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{block, format_items, format_members};

    #[test]
    fn list_macros_print_one_entry_per_line() {
        let item = quote! {
            #[cfg(feature = "pets")]
            super::runtime::serde_struct! {
                Pet;
                id: "id" required,
                r#type: "type" optional,
                nested { a: "a", }
                empty {}
                ..extra
            }
        };
        let expected = "#[cfg(feature = \"pets\")]\n\
                        super::runtime::serde_struct! {\n    \
                            Pet;\n    \
                            id: \"id\" required,\n    \
                            r#type: \"type\" optional,\n    \
                            nested {\n        \
                                a: \"a\",\n    \
                            }\n    \
                            empty {}\n    \
                            ..extra\n\
                        }\n";
        assert_eq!(format_items(vec![item], "test").expect("formats"), expected);
    }

    #[test]
    fn a_block_formatted_in_shares_is_the_block_formatted_whole() {
        let methods: Vec<_> = (0..4)
            .map(|i| {
                let name = quote::format_ident!("call_{i}");
                quote! {
                    /// Docs.
                    pub fn #name(&self) -> u8 { #i }
                }
            })
            .collect();
        let head = quote!(impl Client);
        let whole = format_items(vec![quote!(#head { #(#methods)* })], "test").expect("formats");
        let shares = [&methods[..1], &methods[1..3], &methods[3..]]
            .map(|share| format_members(&head, share.to_vec(), "test").expect("formats"));
        assert_eq!(block(&head, &shares, "test").expect("formats"), whole);
        let empty = format_items(vec![quote!(#head {})], "test").expect("formats");
        assert_eq!(
            block(&head, &[format_members(&head, Vec::new(), "test").expect("formats")], "test").expect("formats"),
            empty
        );
    }

    #[test]
    fn other_macros_are_left_to_prettyplease() {
        let item = quote!(other! { id: "id", name: "name", });
        assert_eq!(
            format_items(vec![item], "test").expect("formats"),
            "other! {\n    id : \"id\", name : \"name\",\n}\n"
        );
    }
}
