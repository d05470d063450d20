//! The serde attributes of generated types (with `EmitOptions::serde`),
//! which make their serde form verso's JSON mapping — the one `verso
//! decode` prints: names as written in the schema, `data` as hex,
//! non-finite floats as strings, non-string map keys as `[key, value]`
//! pairs, union members keyed like `{"Member": value}`, fixed lengths of
//! any size. The rules of the mapping live in `dynamic.rs`; this renders
//! the same rules as attributes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Primitive;
use crate::model::{FieldPlan, MapType, Model, Ty, ValuePlan, VariantPlan, names};

/// The serde attributes of one module's items, or nothing when serde is off.
///
/// Every attribute sits behind `cfg_attr($serde, …)`: the version modules
/// are written inside a macro whose `$serde` is a `cfg` condition that
/// `verso::__serde_types!` chooses (see [`types_macro`]) — `all()` with
/// verso's `serde` feature (or `all(feature = …)` under a feature of the
/// user's crate), `any()` without it. Without the feature the attributes
/// are then gone before rustc resolves them: the types compile without
/// serde, and the one error is the runtime's, saying to turn the feature on.
pub(crate) struct Serde<'a> {
    model: &'a Model,
    map_type: MapType,
}

/// The serde form of a value that serde derives as verso's mapping.
const SAME: &str = "::verso::json::Same";

impl<'a> Serde<'a> {
    /// The renderer for `model`, if serde is on.
    pub(crate) fn new(model: &'a Model, options: &'a super::EmitOptions) -> Option<Self> {
        options.serde.then_some(Serde {
            model,
            map_type: options.map_type,
        })
    }

    /// `#[serde(…)]`, when serde applies.
    fn attr(&self, inner: TokenStream) -> TokenStream {
        quote!(#[cfg_attr($serde, serde(#inner))])
    }

    /// The derives, through verso's re-export of serde so the user's crate
    /// needs no serde dependency of its own.
    pub(crate) fn derive(&self) -> TokenStream {
        quote!(#[cfg_attr(
            $serde,
            derive(::verso::serde::Serialize, ::verso::serde::Deserialize),
            serde(crate = "::verso::serde")
        )])
    }

    /// A configured attribute: a `#[serde(…)]` one applies when the
    /// derives do, any other as it is.
    pub(crate) fn configured(&self, attribute: TokenStream) -> TokenStream {
        match syn::parse2::<SerdeAttribute>(attribute.clone()) {
            Ok(SerdeAttribute(inner)) => self.attr(inner),
            Err(_) => attribute,
        }
    }

    /// A struct field: its schema name, an adapter where the mapping
    /// differs from serde's default, and `None` when an optional field is
    /// left out.
    pub(crate) fn field(&self, field: &FieldPlan) -> TokenStream {
        // serde names a field by its identifier, raw prefix aside (`self`
        // becomes `self_` in Rust, so it needs the rename too).
        let ident = names::ident(&field.name).to_string();
        let rust = ident.strip_prefix("r#").unwrap_or(&ident);
        let rename = (field.schema_name != rust).then(|| {
            let name = &field.schema_name;
            self.attr(quote!(rename = #name))
        });
        let with = self.with(&field.ty);
        let default = self.omitted_is_none(&field.ty);
        quote!(#rename #default #with)
    }

    /// `default` on an optional field read through an adapter: serde reads
    /// an omitted `Option` field as `None` by itself, but not through
    /// `with`, and the mapping's rule (the dynamic codec's too) is that an
    /// omitted optional field is `None` whatever its type.
    fn omitted_is_none(&self, ty: &Ty) -> Option<TokenStream> {
        let optional = matches!(self.model.unalias(ty), Ty::Optional(_));
        (optional && self.adapter(ty).is_some()).then(|| self.attr(quote!(default)))
    }

    /// An enum value: its name as written in the schema.
    pub(crate) fn value(&self, value: &ValuePlan) -> TokenStream {
        let name = &value.schema_name;
        self.attr(quote!(rename = #name))
    }

    /// A union member: `{"Member": value}` keyed by the member's type name,
    /// a primitive's keyword, or the decimal tag of anything else; a void
    /// member is its name alone.
    pub(crate) fn variant(&self, variant: &VariantPlan) -> TokenStream {
        let key = match (variant.named, &variant.ty) {
            (Some(index), _) => self.model.items[index].schema_name.clone(),
            (None, None) => "void".to_owned(),
            (None, Some(Ty::Prim(p))) => p.keyword().to_owned(),
            (None, Some(Ty::Data)) => "data".to_owned(),
            (None, Some(_)) => variant.tag.to_string(),
        };
        self.attr(quote!(rename = #key))
    }

    /// The adapter attribute of a union member's payload.
    pub(crate) fn payload(&self, ty: &Ty) -> TokenStream {
        self.with(ty)
    }

    fn with(&self, ty: &Ty) -> TokenStream {
        match self.adapter(ty) {
            Some(adapter) => {
                let path = format!("::verso::json::As::<{adapter}>");
                self.attr(quote!(with = #path))
            }
            None => TokenStream::new(),
        }
    }

    /// The `serde_with` form of `ty` where serde's derived form is not the
    /// mapping; `None` where it is.
    fn adapter(&self, ty: &Ty) -> Option<String> {
        let adapted = |ty: &Ty| self.adapter(ty).unwrap_or_else(|| SAME.to_owned());
        match self.model.unalias(ty) {
            Ty::Prim(Primitive::F32 | Primitive::F64) => Some("::verso::json::Float".to_owned()),
            Ty::Prim(_) | Ty::Item { .. } => None,
            Ty::Data | Ty::FixedData(_) => Some("::verso::json::Hex".to_owned()),
            Ty::Optional(inner) => self
                .adapter(inner)
                .map(|a| format!("::core::option::Option<{a}>")),
            Ty::List(inner) => self
                .adapter(inner)
                .map(|a| format!("::verso::alloc::vec::Vec<{a}>")),
            // serde derives arrays only up to 32 elements.
            Ty::FixedList(inner, n) => match (self.adapter(inner), *n > 32) {
                (None, false) => None,
                (a, _) => Some(format!("[{}; {n}]", a.unwrap_or_else(|| SAME.to_owned()))),
            },
            Ty::Map(k, v) if self.is_str(k) => self.adapter(v).map(|a| {
                let map = match self.map_type {
                    MapType::BTreeMap => "::verso::alloc::collections::BTreeMap",
                    MapType::HashMap => "::std::collections::HashMap",
                    MapType::IndexMap => "::indexmap::IndexMap",
                };
                format!("{map}<{SAME}, {a}>")
            }),
            Ty::Map(k, v) => Some(format!(
                "::verso::json::Seq<({}, {})>",
                adapted(k),
                adapted(v)
            )),
        }
    }

    /// Whether map keys of `ty` are JSON strings (the map is then an object).
    fn is_str(&self, ty: &Ty) -> bool {
        matches!(self.model.unalias(ty), Ty::Prim(Primitive::Str))
    }
}

/// The contents of an attribute written `#[serde(…)]`.
struct SerdeAttribute(TokenStream);

impl syn::parse::Parse for SerdeAttribute {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        let mut attributes = syn::Attribute::parse_outer(input)?;
        match (attributes.pop(), attributes.is_empty()) {
            (Some(attribute), true) if attribute.path().is_ident("serde") => Ok(SerdeAttribute(
                attribute.meta.require_list()?.tokens.clone(),
            )),
            _ => Err(input.error("not one `#[serde(…)]` attribute")),
        }
    }
}

/// The name of the macro the version modules of a family with serde derives
/// are written in.
const TYPES_MACRO: &str = "__verso_types";

/// The text around the version modules of a family with serde derives: a
/// macro of the modules, taking the condition of their serde attributes,
/// and its call through `verso::__serde_types!`, which passes the condition
/// verso's features allow — and, when its `serde` feature is off, says so in
/// a single error (under `feature`, only when that feature of the user's
/// crate is on). The modules are formatted text by then, so the macro is
/// written around them as text too.
pub(crate) fn types_macro(feature: Option<&str>) -> (String, String) {
    let open = format!(
        "// The version modules, inside a macro so that their serde attributes apply\n\
         // only when verso's `serde` feature is on (`verso::__serde_types!` below).\n\
         macro_rules! {TYPES_MACRO} {{\n    ($serde:meta) => {{\n"
    );
    let call = match feature {
        Some(feature) => format!("::verso::__serde_types!({TYPES_MACRO}, feature = {feature:?});"),
        None => format!("::verso::__serde_types!({TYPES_MACRO});"),
    };
    (open, format!("    }};\n}}\n{call}\n\n"))
}
