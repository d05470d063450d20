//! Random values and the laws of a family (`EmitOptions::arbitrary`): a
//! `verso::testing::Generate` impl and a proptest `Arbitrary` impl for
//! every type of every version, a `verso::testing::Chain` impl for every
//! `…Versioned` wrapper, and `laws()`, which names the family's roots.
//!
//! The steps a chain lists come from the plan: for each, the conversions
//! the root's values pass through that verso does not generate. Where there
//! are none, every conversion is generated both ways, each a bijection
//! (same fields by name, same values, same members), so `upgrade` then
//! `downgrade` must give every value back — the law checker holds the
//! chain to that.
//!
//! Sizes are bounded by the runtime's helpers; recursion by a depth budget
//! that every reference to a recursive type spends. At zero a recursive
//! type builds the value that ends soonest: containers empty, and of a
//! union only the members of least [`ranks`]. The helpers take the
//! strategies of elements as closures, so a spent budget builds no
//! strategy below it.

use std::cell::Cell;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ast::Primitive;
use crate::emit::convert::path;
use crate::emit::hand_written::HandWritten;
use crate::evolve::{Direction, FamilyPlan, Root, StepPlan};
use crate::model::{ItemKind, Model, Ty, VariantPlan, names};

/// Everything `arbitrary(true)` adds to a family, to be written inside
/// `::verso::__testing! { … }` (kept only with verso's `testing` feature).
pub(crate) fn family(
    models: &[Model],
    plan: &FamilyPlan,
    hand_written: &HandWritten,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut types = Vec::new();
    for model in models {
        let ranks = ranks(model);
        for (index, item) in model.items.iter().enumerate() {
            if item.is_imported() || matches!(item.kind, ItemKind::Alias(_)) {
                // Imported types get theirs in their own family; an alias
                // is the type it stands for.
                continue;
            }
            let ty = path(model, item);
            let values = Values {
                model,
                recursive: item.recursive,
                spent: Cell::new(false),
            };
            let body = values.item(index, &ranks);
            // A type with nothing recursive below it ignores the budget.
            let depth = match values.spent.get() {
                true => quote!(depth),
                false => quote!(_depth),
            };
            out.push(quote! {
                impl ::verso::testing::Generate for #ty {
                    fn generate(#depth: u32) -> ::verso::testing::proptest::strategy::BoxedStrategy<Self> {
                        #body
                    }
                }
            });
            types.push(ty);
        }
    }
    if !types.is_empty() {
        out.insert(0, quote!(::verso::__arbitrary!(#(#types),*);));
    }
    let mut wrappers = Vec::new();
    for root in &plan.roots {
        if let Some((wrapper, tokens)) = chain(root, models, plan, hand_written) {
            out.push(tokens);
            wrappers.push(wrapper);
        }
    }
    out.push(quote! {
        /// The laws of this family's chains, for `verso::testing`:
        /// `laws().check()` in a test checks every root over random values
        /// of every version.
        pub fn laws() -> ::verso::testing::Laws {
            ::verso::testing::Laws::new(::core::module_path!())
                #(.root::<#wrappers>())*
        }
    });
    out
}

/// How many levels each item needs at least before its value can end:
/// the least fixed point of `struct = 1 + max(fields)`, `union = 1 +
/// min(members)`, with containers that can be empty at 0. A checked schema
/// gives every item a finite rank (its recursion can terminate).
fn ranks(model: &Model) -> Vec<u32> {
    const UNKNOWN: u32 = u32::MAX;
    let mut ranks = vec![UNKNOWN; model.items.len()];
    // Every pass settles at least one more item, so `len + 1` passes suffice.
    for _ in 0..=model.items.len() {
        let mut changed = false;
        for (index, item) in model.items.iter().enumerate() {
            let rank = match &item.kind {
                _ if item.is_imported() => 1,
                ItemKind::Struct(fields) => fields
                    .iter()
                    .map(|f| ty_rank(&ranks, model, &f.ty))
                    .max()
                    .unwrap_or(0)
                    .saturating_add(1),
                ItemKind::Union(variants) => variants
                    .iter()
                    .map(|v| v.ty.as_ref().map_or(0, |ty| ty_rank(&ranks, model, ty)))
                    .min()
                    .unwrap_or(0)
                    .saturating_add(1),
                ItemKind::Alias(ty) => ty_rank(&ranks, model, ty),
                ItemKind::Enum(_) | ItemKind::Unit => 1,
            };
            if rank < ranks[index] {
                ranks[index] = rank;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ranks
}

/// A strategy expression, and the function it calls when it is a call
/// without arguments (passed as it is where a closure is expected).
struct Strategy {
    tokens: TokenStream,
    function: Option<TokenStream>,
}

impl Strategy {
    fn call(function: TokenStream) -> Self {
        Strategy {
            tokens: quote!(#function()),
            function: Some(function),
        }
    }

    fn expr(tokens: TokenStream) -> Self {
        Strategy {
            tokens,
            function: None,
        }
    }

    /// A closure making the strategy, built only when called.
    fn lazy(self) -> TokenStream {
        match self.function {
            Some(function) => function,
            None => {
                let tokens = self.tokens;
                quote!(|| #tokens)
            }
        }
    }
}

/// Writes the strategies of one item's body.
struct Values<'a> {
    model: &'a Model,
    /// Whether the item is recursive: its containers empty and its
    /// references to recursive types spend the budget.
    recursive: bool,
    /// Whether the body reads the budget `depth`.
    spent: Cell<bool>,
}

impl Values<'_> {
    /// The body of `Generate::generate` for item `index`.
    fn item(&self, index: usize, ranks: &[u32]) -> TokenStream {
        let item = &self.model.items[index];
        match &item.kind {
            ItemKind::Struct(fields) => {
                let parts: Vec<(TokenStream, TokenStream)> = fields
                    .iter()
                    .map(|field| {
                        let name = names::ident(&field.name);
                        (self.ty(&field.ty).tokens, quote!(#name))
                    })
                    .collect();
                if parts.is_empty() {
                    return quote!(::verso::testing::just(Self {}));
                }
                let (strategies, pattern) = tuple(&parts);
                let names = parts.iter().map(|(_, name)| name);
                quote!(::verso::testing::build(#strategies, |#pattern| Self { #(#names),* }))
            }
            ItemKind::Enum(values) => {
                let values = values.iter().map(|v| {
                    let name = names::ident(&v.name);
                    quote!(Self::#name)
                });
                quote!(::verso::testing::select(::verso::alloc::vec![#(#values),*]))
            }
            ItemKind::Union(variants) => {
                let member = |v: &VariantPlan| {
                    let name = names::ident(&v.name);
                    match &v.ty {
                        Some(ty) => {
                            let strategy = self.ty(ty).tokens;
                            quote!(::verso::testing::build(#strategy, Self::#name))
                        }
                        None => quote!(::verso::testing::just(Self::#name)),
                    }
                };
                let all: Vec<TokenStream> = variants.iter().map(member).collect();
                let all = quote!(::verso::testing::one_of(::verso::alloc::vec![#(#all),*]));
                if !item.recursive {
                    return all;
                }
                self.spent.set(true);
                // A spent budget keeps the members that end soonest.
                let rank =
                    |v: &VariantPlan| v.ty.as_ref().map_or(0, |ty| ty_rank(ranks, self.model, ty));
                let least = variants.iter().map(rank).min().unwrap_or(0);
                let ending = variants.iter().filter(|v| rank(v) == least).map(member);
                quote! {
                    if depth == 0 {
                        ::verso::testing::one_of(::verso::alloc::vec![#(#ending),*])
                    } else {
                        #all
                    }
                }
            }
            ItemKind::Unit => quote!(::verso::testing::just(Self)),
            // Not reached: aliases get no impl.
            ItemKind::Alias(ty) => self.ty(ty).tokens,
        }
    }

    /// Whether containers in this item are empty: a recursive item at a
    /// spent budget.
    fn ground(&self) -> TokenStream {
        if self.recursive {
            self.spent.set(true);
            quote!(depth == 0)
        } else {
            quote!(false)
        }
    }

    /// The strategy of a type expression.
    fn ty(&self, ty: &Ty) -> Strategy {
        match ty {
            Ty::Prim(Primitive::Str) if self.model.data_is_bytes => {
                Strategy::call(quote!(::verso::testing::shared_string))
            }
            Ty::Prim(Primitive::Str) => Strategy::call(quote!(::verso::testing::string)),
            Ty::Prim(p) => {
                let rust = crate::emit::codec::primitive_type(*p);
                Strategy::call(quote!(::verso::testing::primitive::<#rust>))
            }
            Ty::Data if self.model.data_is_bytes => {
                Strategy::call(quote!(::verso::testing::shared_data))
            }
            Ty::Data => Strategy::call(quote!(::verso::testing::data)),
            Ty::FixedData(n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                Strategy::call(quote!(::verso::testing::fixed_data::<#n>))
            }
            Ty::Optional(inner) => {
                let (ground, inner) = (self.ground(), self.ty(inner).lazy());
                Strategy::expr(quote!(::verso::testing::option(#ground, #inner)))
            }
            Ty::List(inner) => {
                let (ground, inner) = (self.ground(), self.ty(inner).lazy());
                Strategy::expr(quote!(::verso::testing::list(#ground, #inner)))
            }
            Ty::FixedList(inner, n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                let inner = self.ty(inner).tokens;
                Strategy::expr(quote!(::verso::testing::array::<_, #n>(#inner)))
            }
            Ty::Map(key, value) => {
                let ground = self.ground();
                let (key, value) = (self.ty(key).lazy(), self.ty(value).lazy());
                Strategy::expr(quote!(::verso::testing::map(#ground, #key, #value)))
            }
            Ty::Item { index, boxed } => {
                let target = &self.model.items[*index];
                let inner = match &target.kind {
                    ItemKind::Alias(aliased) if !*boxed => return self.ty(aliased),
                    ItemKind::Alias(aliased) => self.ty(aliased).tokens,
                    _ => {
                        let path = path(self.model, target);
                        // A reference to a recursive type spends the budget.
                        self.spent.set(true);
                        let depth = if self.recursive && target.recursive {
                            quote!(depth.saturating_sub(1))
                        } else {
                            quote!(depth)
                        };
                        quote!(<#path as ::verso::testing::Generate>::generate(#depth))
                    }
                };
                if *boxed {
                    Strategy::expr(quote!(::verso::testing::boxed(#inner)))
                } else {
                    Strategy::expr(inner)
                }
            }
        }
    }
}

fn ty_rank(ranks: &[u32], model: &Model, ty: &Ty) -> u32 {
    match model.unalias(ty) {
        Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => 0,
        Ty::Optional(_) | Ty::List(_) | Ty::Map(..) | Ty::FixedList(_, 0) => 0,
        Ty::FixedList(inner, _) => ty_rank(ranks, model, inner),
        Ty::Item { index, .. } => ranks[*index],
    }
}

/// Strategies as a tuple (proptest's tuples go up to 12 elements, so more
/// are nested in tuples of at most ten) and the pattern taking it apart.
fn tuple(parts: &[(TokenStream, TokenStream)]) -> (TokenStream, TokenStream) {
    const MOST: usize = 10;
    if parts.len() <= MOST {
        let strategies = parts.iter().map(|(s, _)| s);
        let names = parts.iter().map(|(_, n)| n);
        return (quote!((#(#strategies,)*)), quote!((#(#names,)*)));
    }
    let groups: Vec<(TokenStream, TokenStream)> = parts.chunks(MOST).map(tuple).collect();
    tuple(&groups)
}

/// The `Chain` impl of one root's wrapper, and the wrapper's name.
fn chain(
    root: &Root,
    models: &[Model],
    plan: &FamilyPlan,
    hand_written: &HandWritten,
) -> Option<(TokenStream, TokenStream)> {
    let supported: Vec<&Model> = models.iter().filter(|m| m.version >= root.oldest).collect();
    let latest = *supported.last()?;
    let root_item = |model: &Model| model.named(root.name_in(model.version)?);
    let wrapper = format_ident!("{}Versioned", latest.items[root_item(latest)?].name);
    let variant = |model: &Model| format_ident!("V{}", model.version);
    let name = root.name.as_str();

    let generate_arms = supported.iter().filter_map(|model| {
        let index = root_item(model)?;
        let values = Values {
            model,
            recursive: false,
            spent: Cell::new(false),
        };
        let strategy = values
            .ty(&Ty::Item {
                index,
                boxed: false,
            })
            .tokens;
        let (v, n) = (variant(model), Literal::u16_unsuffixed(model.version));
        // `depth` in the strategy is the default budget.
        let depth = values
            .spent
            .get()
            .then(|| quote!(let depth = ::verso::testing::DEPTH;));
        Some(quote!(#n => {
            #depth
            ::verso::testing::build(#strategy, Self::#v)
        }))
    });
    let generate_arms: Vec<TokenStream> = generate_arms.collect();
    let convert = |direction: Direction, source: &Model| {
        root_item(source)
            .and_then(|index| hand_written.function(direction, source, index))
            .unwrap_or_else(|| match direction {
                Direction::Up => quote!(::verso::Upgrade::upgrade),
                Direction::Down => quote!(::verso::Downgrade::downgrade),
            })
    };
    let up_arms = supported.windows(2).map(|pair| {
        let (a, b) = (variant(pair[0]), variant(pair[1]));
        let convert = convert(Direction::Up, pair[0]);
        quote!(Self::#a(value) => #convert(value).map(Self::#b),)
    });
    let down_arms = supported.windows(2).map(|pair| {
        let (a, b) = (variant(pair[0]), variant(pair[1]));
        let convert = convert(Direction::Down, pair[1]);
        quote!(Self::#b(value) => #convert(value).map(Self::#a),)
    });
    let (first, last) = (variant(supported[0]), variant(latest));
    let steps = plan
        .steps
        .iter()
        .zip(models.windows(2))
        .filter(|(step, _)| step.from >= root.oldest)
        .map(|(step, pair)| {
            let from = Literal::u16_unsuffixed(step.from);
            let hand_written = step_hand_written(step, &pair[0], &pair[1], root);
            quote!(::verso::testing::Step { from: #from, hand_written: &[#(#hand_written),*] },)
        });
    let tokens = quote! {
        impl ::verso::testing::Chain for #wrapper {
            const ROOT: &'static str = #name;

            fn steps() -> &'static [::verso::testing::Step] {
                &[#(#steps)*]
            }

            fn generate(version: u16) -> ::verso::testing::proptest::strategy::BoxedStrategy<Self> {
                match version {
                    #(#generate_arms)*
                    // Not a supported version: the checker never asks.
                    _ => ::verso::testing::build(
                        <Self as ::verso::testing::Chain>::generate(<Self as ::verso::Versioned>::LATEST),
                        ::core::convert::identity,
                    ),
                }
            }

            fn held_version(&self) -> u16 {
                self.version()
            }

            fn encode_held(&self) -> ::verso::alloc::vec::Vec<u8> {
                self.to_bytes()
            }

            fn encode_held_embedded(&self) -> ::verso::alloc::vec::Vec<u8> {
                self.to_bytes_embedded()
            }

            fn decode_held(bytes: &[u8], version: u16) -> ::core::result::Result<Self, ::verso::Error> {
                Self::decode_version(bytes, version)
            }

            fn decode_held_embedded(bytes: &[u8]) -> ::core::result::Result<Self, ::verso::Error> {
                Self::decode_version_embedded(bytes)
            }

            fn upgrade_once(self) -> ::core::result::Result<Self, ::verso::ConvertError> {
                match self {
                    #(#up_arms)*
                    Self::#last(value) => ::core::result::Result::Ok(Self::#last(value)),
                }
            }

            fn downgrade_once(self) -> ::core::result::Result<Self, ::verso::ConvertError> {
                match self {
                    #(#down_arms)*
                    Self::#first(value) => ::core::result::Result::Ok(Self::#first(value)),
                }
            }

            fn encode_latest(latest: &Self::Latest) -> ::verso::alloc::vec::Vec<u8> {
                ::verso::to_vec(latest)
            }
        }
    };
    Some((quote!(#wrapper), tokens))
}

/// The conversions of `step` that a root's values pass through and verso
/// does not generate: hand-written ones, and those of imported types that
/// differ (their own family converts them, by hand or not).
fn step_hand_written(step: &StepPlan, old: &Model, new: &Model, root: &Root) -> Vec<TokenStream> {
    let reach = |model: &Model| {
        let start = root
            .name_in(model.version)
            .and_then(|name| model.named(name));
        reachable(model, start)
    };
    let (old_reach, new_reach) = (reach(old), reach(new));
    let mut out = Vec::new();
    for pair in &step.pairs {
        let imported = pair.imported && !pair.identical;
        if old_reach[pair.old] && (pair.up.is_hand_written() || imported) {
            let ty = &pair.old_name;
            out.push(quote!(::verso::testing::Conversion { ty: #ty, direction: ::verso::testing::Direction::Up }));
        }
        if new_reach[pair.new] && (pair.down.is_hand_written() || imported) {
            let ty = &pair.new_name;
            out.push(quote!(::verso::testing::Conversion { ty: #ty, direction: ::verso::testing::Direction::Down }));
        }
    }
    out
}

/// The items a value of item `start` can hold (itself included).
fn reachable(model: &Model, start: Option<usize>) -> Vec<bool> {
    let mut seen = vec![false; model.items.len()];
    let mut stack: Vec<usize> = start.into_iter().collect();
    while let Some(index) = stack.pop() {
        if std::mem::replace(&mut seen[index], true) {
            continue;
        }
        let mut tys: Vec<&Ty> = model.items[index].kind.tys().collect();
        while let Some(ty) = tys.pop() {
            match ty {
                Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => {}
                Ty::Optional(inner) | Ty::List(inner) | Ty::FixedList(inner, _) => tys.push(inner),
                Ty::Map(key, value) => {
                    tys.push(key);
                    tys.push(value);
                }
                Ty::Item { index, .. } => stack.push(*index),
            }
        }
    }
    seen
}
