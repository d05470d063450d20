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
pub(crate) struct Serde<'a> {
    model: &'a Model,
    map_type: MapType,
    /// `Some(feature)` puts every attribute behind `cfg_attr(feature = …)`.
    feature: Option<&'a str>,
}

/// The serde form of a value that serde derives as verso's mapping.
const SAME: &str = "::verso::json::Same";

impl<'a> Serde<'a> {
    /// The renderer for `model`, if serde is on.
    pub(crate) fn new(model: &'a Model, options: &'a super::EmitOptions) -> Option<Self> {
        options.serde.then_some(Serde {
            model,
            map_type: options.map_type,
            feature: options.serde_feature.as_deref(),
        })
    }

    /// `#[serde(…)]`, behind the feature when one is configured.
    fn attr(&self, inner: TokenStream) -> TokenStream {
        match self.feature {
            Some(feature) => quote!(#[cfg_attr(feature = #feature, serde(#inner))]),
            None => quote!(#[serde(#inner)]),
        }
    }

    /// The derives, through verso's re-export of serde so the user's crate
    /// needs no serde dependency of its own.
    pub(crate) fn derive(&self) -> TokenStream {
        let derive = quote!(derive(
            ::verso::serde::Serialize,
            ::verso::serde::Deserialize
        ));
        let krate = quote!(serde(crate = "::verso::serde"));
        match self.feature {
            Some(feature) => quote!(#[cfg_attr(feature = #feature, #derive, #krate)]),
            None => quote!(#[#derive] #[#krate]),
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
