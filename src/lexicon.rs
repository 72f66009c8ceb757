//! The call-to-action lexicon: every phrase the teaser pass listens for, as data in one table,
//! plus the class/id and URL tokens that mark chrome structurally.
//!
//! ```text
//!  page text ──fold()──► " sign up to read this article "
//!                             │ word-bounded phrase search (Arabic: substring)
//!                             ▼
//!  CTA table (lang, kinds, phrase) ──► Hits { kinds: bitset, first phrase }
//! ```
//!
//! Phrases are written naturally (accents, apostrophes, Arabic with or without diacritics) and
//! folded once, on first use, the same way page text is folded, so "Déjà abonné ?" matches
//! "deja abonne". A text hit alone never removes anything: the teaser pass asks for a
//! structural signal as well.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Kinds of call to action, as bits so one phrase can carry several.
pub mod kind {
    /// Subscribe, become a member, support us.
    pub const SUBSCRIBE: u32 = 1 << 0;
    /// Sign in, log in, "already a member?".
    pub const SIGN_IN: u32 = 1 << 1;
    /// Sign up, register, create an account, start reading.
    pub const SIGN_UP: u32 = 1 << 2;
    /// Free trials, prices, offers.
    pub const TRIAL: u32 = 1 << 3;
    /// Download the app, app stores.
    pub const APP: u32 = 1 << 4;
    /// Newsletters, bulletins, "in your inbox".
    pub const NEWSLETTER: u32 = 1 << 5;
    /// Podcasts, "listen on".
    pub const PODCAST: u32 = 1 << 6;
    /// Follow us on social media.
    pub const FOLLOW: u32 = 1 << 7;
    /// Share buttons.
    pub const SHARE: u32 = 1 << 8;
    /// A wall: the rest of the story is for subscribers or members only.
    pub const GATE: u32 = 1 << 9;
    /// A link out: "read the full story at <source>".
    pub const LINK_OUT: u32 = 1 << 10;
    /// A rail's heading: related stories, top stories, our picks.
    pub const RAIL: u32 = 1 << 11;
    /// The aggregator's own marketing ("all your news in one place").
    pub const MARKETING: u32 = 1 << 12;
    /// The site speaking of itself: "our newsletter", "follow us".
    pub const OWN: u32 = 1 << 13;

    /// The kinds that make a sign-up, paywall or marketing box.
    pub const BOX: u32 =
        SUBSCRIBE | SIGN_IN | SIGN_UP | TRIAL | APP | NEWSLETTER | GATE | MARKETING | PODCAST;
    /// The kinds an in-article plug asks for.
    pub const PROMO: u32 = SUBSCRIBE | SIGN_UP | TRIAL | APP | NEWSLETTER | PODCAST | FOLLOW;
}

use kind::*;

/// The CTA lexicon: (language, kinds, phrase). Languages: en, de, fr, es, it, pt, ar.
pub const CTA: &[(&str, u32, &str)] = &[
    // English
    ("en", SUBSCRIBE, "subscribe"),
    ("en", SUBSCRIBE, "subscribe now"),
    ("en", SUBSCRIBE | OWN, "subscribe to our"),
    ("en", SUBSCRIBE, "subscription"),
    ("en", SUBSCRIBE, "subscriber"),
    ("en", SUBSCRIBE, "subscribers"),
    ("en", SUBSCRIBE, "become a subscriber"),
    ("en", SUBSCRIBE, "paid subscriber"),
    ("en", SUBSCRIBE, "reader-supported"),
    ("en", SUBSCRIBE | OWN, "support our journalism"),
    ("en", SUBSCRIBE, "support independent journalism"),
    ("en", SUBSCRIBE, "become a member"),
    ("en", SUBSCRIBE, "join now"),
    ("en", SUBSCRIBE, "membership"),
    ("en", SIGN_IN, "sign in"),
    ("en", SIGN_IN, "log in"),
    ("en", SIGN_IN, "login"),
    ("en", SIGN_IN, "already a member"),
    ("en", SIGN_IN, "already a subscriber"),
    ("en", SIGN_IN, "already subscribed"),
    ("en", SIGN_IN, "already have an account"),
    ("en", SIGN_IN, "already registered"),
    ("en", SIGN_UP, "sign up"),
    ("en", SIGN_UP, "signup"),
    ("en", SIGN_UP | OWN, "sign up to our"),
    ("en", SIGN_UP | OWN, "sign up for our"),
    ("en", SIGN_UP, "register"),
    ("en", SIGN_UP, "register now"),
    ("en", SIGN_UP, "create an account"),
    ("en", SIGN_UP, "create a free account"),
    ("en", SIGN_UP, "join for free"),
    ("en", SIGN_UP, "start reading"),
    ("en", SIGN_UP | TRIAL, "try it free"),
    ("en", SIGN_UP, "get started"),
    ("en", SIGN_UP, "get unlimited access"),
    ("en", TRIAL, "free trial"),
    ("en", TRIAL, "days free"),
    ("en", TRIAL, "start trial"),
    ("en", TRIAL, "start your free trial"),
    ("en", TRIAL, "first month free"),
    ("en", TRIAL, "cancel anytime"),
    ("en", TRIAL, "special offer"),
    ("en", TRIAL, "limited time offer"),
    ("en", TRIAL, "per month"),
    ("en", APP, "download the app"),
    ("en", APP, "get the app"),
    ("en", APP | OWN, "download our app"),
    ("en", APP, "app store"),
    ("en", APP, "google play"),
    ("en", APP | OWN, "our app"),
    ("en", APP, "one app"),
    ("en", NEWSLETTER, "newsletter"),
    ("en", NEWSLETTER, "newsletters"),
    ("en", NEWSLETTER, "bulletin"),
    ("en", NEWSLETTER, "in your inbox"),
    ("en", NEWSLETTER, "to your inbox"),
    ("en", NEWSLETTER, "email updates"),
    ("en", NEWSLETTER | OWN, "our newsletter"),
    ("en", NEWSLETTER | OWN, "our daily briefing"),
    ("en", PODCAST | OWN, "our podcast"),
    ("en", PODCAST, "listen to the podcast"),
    ("en", PODCAST, "wherever you get your podcasts"),
    ("en", PODCAST, "listen on"),
    ("en", FOLLOW | OWN, "follow us"),
    ("en", FOLLOW | OWN, "like us on facebook"),
    ("en", FOLLOW | OWN, "join us on"),
    ("en", FOLLOW | OWN, "join our community"),
    ("en", SHARE, "share"),
    ("en", SHARE, "share this"),
    ("en", SHARE, "copy link"),
    ("en", GATE, "to read this article"),
    ("en", GATE, "to read the full article"),
    ("en", GATE, "to read the full story"),
    ("en", GATE, "to continue reading"),
    ("en", GATE, "continue reading"),
    ("en", GATE, "keep reading"),
    ("en", GATE, "read the rest"),
    ("en", GATE, "unlock this article"),
    ("en", GATE, "unlock this story"),
    ("en", GATE, "subscribers only"),
    ("en", GATE, "for subscribers"),
    ("en", GATE, "for paid subscribers"),
    ("en", GATE, "exclusive to subscribers"),
    ("en", GATE, "exclusively for subscribers"),
    ("en", GATE, "member-only"),
    ("en", GATE, "members only"),
    ("en", GATE, "members-only"),
    ("en", GATE, "you've reached your"),
    ("en", GATE, "free articles"),
    ("en", GATE | SIGN_UP, "sign up to read"),
    ("en", GATE | SUBSCRIBE, "subscribe to read"),
    ("en", GATE | SIGN_IN, "log in to read"),
    ("en", GATE | SIGN_UP, "create an account to read"),
    ("en", LINK_OUT, "read the full story at"),
    ("en", LINK_OUT, "read the full story on"),
    ("en", LINK_OUT, "read the full article at"),
    ("en", LINK_OUT, "read the full article on"),
    ("en", LINK_OUT, "continue reading at"),
    ("en", LINK_OUT, "continue reading on"),
    ("en", LINK_OUT, "read more at"),
    ("en", LINK_OUT, "read the original"),
    ("en", LINK_OUT, "originally published"),
    ("en", LINK_OUT, "originally appeared"),
    ("en", LINK_OUT, "view the original article"),
    ("en", RAIL, "related"),
    ("en", RAIL, "related stories"),
    ("en", RAIL, "related articles"),
    ("en", RAIL, "top stories"),
    ("en", RAIL, "our picks"),
    ("en", RAIL, "editor's picks"),
    ("en", RAIL, "recommended"),
    ("en", RAIL, "recommended for you"),
    ("en", RAIL, "you might also like"),
    ("en", RAIL, "you may also like"),
    ("en", RAIL, "more from"),
    ("en", RAIL, "more stories"),
    ("en", RAIL, "most read"),
    ("en", RAIL, "most popular"),
    ("en", RAIL, "trending"),
    ("en", RAIL, "trending now"),
    ("en", RAIL, "read next"),
    ("en", RAIL, "more on this"),
    ("en", RAIL, "don't miss"),
    ("en", RAIL, "popular now"),
    ("en", MARKETING, "all your news in one place"),
    ("en", MARKETING, "premium titles"),
    ("en", MARKETING, "trusted global sources"),
    ("en", MARKETING, "one membership"),
    ("en", MARKETING, "unlimited access"),
    ("en", MARKETING, "curated specifically for you"),
    ("en", MARKETING, "ad-free"),
    // German
    ("de", SUBSCRIBE, "abonnieren"),
    ("de", SUBSCRIBE, "jetzt abonnieren"),
    ("de", SUBSCRIBE, "abonnement"),
    ("de", SUBSCRIBE, "abo abschließen"),
    ("de", SUBSCRIBE, "abonnent"),
    ("de", SUBSCRIBE, "abonnenten"),
    (
        "de",
        SUBSCRIBE | OWN,
        "unterstützen sie unseren journalismus",
    ),
    ("de", SIGN_IN, "anmelden"),
    ("de", SIGN_IN, "einloggen"),
    ("de", SIGN_IN, "bereits abonnent"),
    ("de", SIGN_IN, "schon abonnent"),
    ("de", SIGN_IN, "sie haben bereits ein abo"),
    ("de", SIGN_IN, "bereits registriert"),
    ("de", SIGN_UP, "registrieren"),
    ("de", SIGN_UP, "jetzt registrieren"),
    ("de", SIGN_UP, "konto erstellen"),
    ("de", TRIAL, "kostenlos testen"),
    ("de", TRIAL, "gratis testen"),
    ("de", TRIAL, "jetzt testen"),
    ("de", TRIAL, "probeabo"),
    ("de", TRIAL, "monat gratis"),
    ("de", TRIAL, "jederzeit kündbar"),
    ("de", APP, "app herunterladen"),
    ("de", APP, "laden sie die app"),
    ("de", APP | OWN, "unsere app"),
    ("de", NEWSLETTER, "newsletter"),
    ("de", NEWSLETTER, "in ihr postfach"),
    ("de", NEWSLETTER | OWN, "unseren newsletter"),
    ("de", NEWSLETTER | OWN, "unser newsletter"),
    ("de", PODCAST | OWN, "unseren podcast"),
    ("de", PODCAST | OWN, "unser podcast"),
    ("de", FOLLOW | OWN, "folgen sie uns"),
    ("de", FOLLOW | OWN, "folge uns"),
    ("de", SHARE, "teilen"),
    ("de", GATE, "weiterlesen mit"),
    ("de", GATE, "jetzt weiterlesen"),
    ("de", GATE, "um weiterzulesen"),
    ("de", GATE, "lesen sie weiter mit"),
    ("de", GATE, "nur für abonnenten"),
    ("de", GATE, "exklusiv für abonnenten"),
    ("de", GATE, "diesen artikel freischalten"),
    ("de", GATE, "um diesen artikel zu lesen"),
    ("de", GATE, "artikel freischalten"),
    ("de", LINK_OUT, "den ganzen artikel lesen"),
    ("de", LINK_OUT, "zum vollständigen artikel"),
    ("de", LINK_OUT, "weiterlesen auf"),
    ("de", LINK_OUT, "erschien zuerst"),
    ("de", LINK_OUT, "zuerst erschienen"),
    ("de", RAIL, "mehr zum thema"),
    ("de", RAIL, "das könnte sie auch interessieren"),
    ("de", RAIL, "auch interessant"),
    ("de", RAIL, "meistgelesen"),
    ("de", RAIL, "meistgelesene artikel"),
    ("de", RAIL, "weitere artikel"),
    ("de", RAIL, "lesen sie auch"),
    ("de", RAIL, "empfehlungen"),
    ("de", MARKETING, "unbegrenzter zugriff"),
    ("de", MARKETING, "alle artikel"),
    // French
    ("fr", SUBSCRIBE, "s'abonner"),
    ("fr", SUBSCRIBE, "abonnez-vous"),
    ("fr", SUBSCRIBE, "abonnement"),
    ("fr", SUBSCRIBE, "abonné"),
    ("fr", SUBSCRIBE, "abonnés"),
    ("fr", SIGN_IN, "se connecter"),
    ("fr", SIGN_IN, "connectez-vous"),
    ("fr", SIGN_IN, "identifiez-vous"),
    ("fr", SIGN_IN, "déjà abonné"),
    ("fr", SIGN_IN, "déjà inscrit"),
    ("fr", SIGN_UP, "s'inscrire"),
    ("fr", SIGN_UP, "inscrivez-vous"),
    ("fr", SIGN_UP, "créer un compte"),
    ("fr", SIGN_UP, "créez votre compte"),
    ("fr", TRIAL, "essai gratuit"),
    ("fr", TRIAL, "essayez gratuitement"),
    ("fr", TRIAL, "offre spéciale"),
    ("fr", TRIAL, "sans engagement"),
    ("fr", TRIAL, "par mois"),
    ("fr", APP, "télécharger l'application"),
    ("fr", APP, "téléchargez l'application"),
    ("fr", APP | OWN, "notre application"),
    ("fr", NEWSLETTER, "newsletter"),
    ("fr", NEWSLETTER, "lettre d'information"),
    ("fr", NEWSLETTER, "infolettre"),
    ("fr", NEWSLETTER, "dans votre boîte mail"),
    ("fr", NEWSLETTER | OWN, "notre newsletter"),
    ("fr", PODCAST | OWN, "notre podcast"),
    ("fr", FOLLOW | OWN, "suivez-nous"),
    ("fr", FOLLOW | OWN, "rejoignez-nous"),
    ("fr", SHARE, "partager"),
    ("fr", GATE, "réservé aux abonnés"),
    ("fr", GATE, "cet article est réservé"),
    ("fr", GATE, "il vous reste"),
    ("fr", GATE, "lire la suite"),
    ("fr", GATE, "pour lire la suite"),
    ("fr", GATE, "la suite est réservée"),
    ("fr", GATE, "article réservé"),
    ("fr", LINK_OUT, "lire l'article complet sur"),
    ("fr", LINK_OUT, "lire la suite sur"),
    ("fr", LINK_OUT, "publié initialement"),
    ("fr", LINK_OUT, "article original"),
    ("fr", RAIL, "à lire aussi"),
    ("fr", RAIL, "lire aussi"),
    ("fr", RAIL, "sur le même sujet"),
    ("fr", RAIL, "les plus lus"),
    ("fr", RAIL, "articles recommandés"),
    ("fr", RAIL, "nos choix"),
    ("fr", MARKETING, "accès illimité"),
    // Spanish
    ("es", SUBSCRIBE, "suscríbete"),
    ("es", SUBSCRIBE, "suscribirse"),
    ("es", SUBSCRIBE, "suscripción"),
    ("es", SUBSCRIBE, "suscriptor"),
    ("es", SUBSCRIBE, "suscriptores"),
    ("es", SIGN_IN, "iniciar sesión"),
    ("es", SIGN_IN, "inicia sesión"),
    ("es", SIGN_IN, "ya eres suscriptor"),
    ("es", SIGN_IN, "ya tienes una cuenta"),
    ("es", SIGN_UP, "regístrate"),
    ("es", SIGN_UP, "registrarse"),
    ("es", SIGN_UP, "crea una cuenta"),
    ("es", SIGN_UP, "crear cuenta"),
    ("es", TRIAL, "prueba gratis"),
    ("es", TRIAL, "prueba gratuita"),
    ("es", TRIAL, "oferta especial"),
    ("es", TRIAL, "cancela cuando quieras"),
    ("es", APP, "descarga la app"),
    ("es", APP, "descargar la aplicación"),
    ("es", APP | OWN, "nuestra app"),
    ("es", APP | OWN, "nuestra aplicación"),
    ("es", NEWSLETTER, "boletín"),
    ("es", NEWSLETTER, "newsletter"),
    ("es", NEWSLETTER, "en tu correo"),
    ("es", NEWSLETTER, "en tu bandeja de entrada"),
    ("es", NEWSLETTER | OWN, "nuestro boletín"),
    ("es", NEWSLETTER | OWN, "nuestra newsletter"),
    ("es", PODCAST | OWN, "nuestro podcast"),
    ("es", FOLLOW | OWN, "síguenos"),
    ("es", SHARE, "compartir"),
    ("es", GATE, "exclusivo para suscriptores"),
    ("es", GATE, "solo para suscriptores"),
    ("es", GATE, "contenido exclusivo"),
    ("es", GATE, "sigue leyendo"),
    ("es", GATE, "seguir leyendo"),
    ("es", GATE, "continúa leyendo"),
    ("es", GATE, "para seguir leyendo"),
    ("es", GATE, "para leer este artículo"),
    ("es", LINK_OUT, "lee la noticia completa en"),
    ("es", LINK_OUT, "leer el artículo completo en"),
    ("es", LINK_OUT, "sigue leyendo en"),
    ("es", LINK_OUT, "publicado originalmente"),
    ("es", LINK_OUT, "artículo original"),
    ("es", RAIL, "te puede interesar"),
    ("es", RAIL, "noticias relacionadas"),
    ("es", RAIL, "lo más leído"),
    ("es", RAIL, "más leídas"),
    ("es", RAIL, "te recomendamos"),
    ("es", RAIL, "lee también"),
    ("es", MARKETING, "acceso ilimitado"),
    // Italian
    ("it", SUBSCRIBE, "abbonati"),
    ("it", SUBSCRIBE, "abbonarsi"),
    ("it", SUBSCRIBE, "abbonamento"),
    ("it", SUBSCRIBE, "abbonato"),
    ("it", SIGN_IN, "accedi"),
    ("it", SIGN_IN, "sei già abbonato"),
    ("it", SIGN_IN, "già abbonato"),
    ("it", SIGN_UP, "registrati"),
    ("it", SIGN_UP, "crea un account"),
    ("it", SIGN_UP, "iscriviti"),
    ("it", TRIAL, "prova gratuita"),
    ("it", TRIAL, "prova gratis"),
    ("it", TRIAL, "offerta speciale"),
    ("it", TRIAL, "disdici quando vuoi"),
    ("it", APP, "scarica l'app"),
    ("it", APP | OWN, "la nostra app"),
    ("it", NEWSLETTER, "newsletter"),
    ("it", NEWSLETTER, "nella tua casella"),
    ("it", NEWSLETTER | OWN, "la nostra newsletter"),
    ("it", PODCAST | OWN, "il nostro podcast"),
    ("it", FOLLOW | OWN, "seguici"),
    ("it", SHARE, "condividi"),
    ("it", GATE, "riservato agli abbonati"),
    ("it", GATE, "contenuto riservato"),
    ("it", GATE, "articolo riservato"),
    ("it", GATE, "continua a leggere"),
    ("it", GATE, "per continuare a leggere"),
    ("it", GATE, "solo per abbonati"),
    ("it", LINK_OUT, "leggi l'articolo completo su"),
    ("it", LINK_OUT, "continua a leggere su"),
    ("it", LINK_OUT, "pubblicato originariamente"),
    ("it", LINK_OUT, "articolo originale"),
    ("it", RAIL, "potrebbe interessarti"),
    ("it", RAIL, "leggi anche"),
    ("it", RAIL, "articoli correlati"),
    ("it", RAIL, "i più letti"),
    ("it", RAIL, "più letti"),
    ("it", MARKETING, "accesso illimitato"),
    // Portuguese
    ("pt", SUBSCRIBE, "assine"),
    ("pt", SUBSCRIBE, "assine já"),
    ("pt", SUBSCRIBE, "assinar"),
    ("pt", SUBSCRIBE, "assinatura"),
    ("pt", SUBSCRIBE, "assinante"),
    ("pt", SUBSCRIBE, "assinantes"),
    ("pt", SIGN_IN, "faça login"),
    ("pt", SIGN_IN, "já é assinante"),
    ("pt", SIGN_IN, "já sou assinante"),
    ("pt", SIGN_UP, "cadastre-se"),
    ("pt", SIGN_UP, "registre-se"),
    ("pt", SIGN_UP, "crie sua conta"),
    ("pt", SIGN_UP, "criar conta"),
    ("pt", TRIAL, "teste grátis"),
    ("pt", TRIAL, "período de teste"),
    ("pt", TRIAL, "oferta especial"),
    ("pt", TRIAL, "cancele quando quiser"),
    ("pt", APP, "baixe o app"),
    ("pt", APP, "baixe o aplicativo"),
    ("pt", APP, "descarregue a app"),
    ("pt", APP | OWN, "nosso aplicativo"),
    ("pt", APP | OWN, "nosso app"),
    ("pt", NEWSLETTER, "newsletter"),
    ("pt", NEWSLETTER, "boletim"),
    ("pt", NEWSLETTER, "na sua caixa de entrada"),
    ("pt", NEWSLETTER | OWN, "nossa newsletter"),
    ("pt", PODCAST | OWN, "nosso podcast"),
    ("pt", FOLLOW | OWN, "siga-nos"),
    ("pt", FOLLOW | OWN, "nos siga"),
    ("pt", SHARE, "compartilhe"),
    ("pt", SHARE, "compartilhar"),
    ("pt", SHARE, "partilhar"),
    ("pt", GATE, "exclusivo para assinantes"),
    ("pt", GATE, "só para assinantes"),
    ("pt", GATE, "conteúdo exclusivo"),
    ("pt", GATE, "continue lendo"),
    ("pt", GATE, "continuar a ler"),
    ("pt", GATE, "para continuar lendo"),
    ("pt", GATE, "para ler esta matéria"),
    ("pt", LINK_OUT, "leia a matéria completa em"),
    ("pt", LINK_OUT, "leia mais em"),
    ("pt", LINK_OUT, "continue lendo em"),
    ("pt", LINK_OUT, "publicado originalmente"),
    ("pt", LINK_OUT, "artigo original"),
    ("pt", RAIL, "leia também"),
    ("pt", RAIL, "veja também"),
    ("pt", RAIL, "notícias relacionadas"),
    ("pt", RAIL, "mais lidas"),
    ("pt", RAIL, "você pode gostar"),
    ("pt", MARKETING, "acesso ilimitado"),
    // Arabic (matched as substrings: prefixes such as و and ف attach to the word)
    ("ar", SUBSCRIBE, "اشترك"),
    ("ar", SUBSCRIBE, "اشترك الآن"),
    ("ar", SUBSCRIBE, "الاشتراك"),
    ("ar", SUBSCRIBE, "اشتراك"),
    ("ar", SUBSCRIBE, "المشتركين"),
    ("ar", SIGN_IN, "تسجيل الدخول"),
    ("ar", SIGN_IN, "سجل الدخول"),
    ("ar", SIGN_IN, "لديك حساب"),
    ("ar", SIGN_IN, "مشترك بالفعل"),
    ("ar", SIGN_UP, "سجل الآن"),
    ("ar", SIGN_UP, "إنشاء حساب"),
    ("ar", SIGN_UP, "أنشئ حسابا"),
    ("ar", TRIAL, "تجربة مجانية"),
    ("ar", TRIAL, "عرض خاص"),
    ("ar", APP, "حمل التطبيق"),
    ("ar", APP, "تحميل التطبيق"),
    ("ar", APP | OWN, "تطبيقنا"),
    ("ar", NEWSLETTER, "النشرة البريدية"),
    ("ar", NEWSLETTER, "النشرة الإخبارية"),
    ("ar", NEWSLETTER, "بريدك الإلكتروني"),
    ("ar", NEWSLETTER | OWN, "نشرتنا"),
    ("ar", PODCAST, "البودكاست"),
    ("ar", FOLLOW | OWN, "تابعونا"),
    ("ar", FOLLOW | OWN, "تابعنا"),
    ("ar", SHARE, "شارك"),
    ("ar", SHARE, "مشاركة"),
    ("ar", GATE, "للمشتركين فقط"),
    ("ar", GATE, "لمتابعة القراءة"),
    ("ar", GATE, "أكمل القراءة"),
    ("ar", GATE, "تابع القراءة"),
    ("ar", GATE, "لقراءة المقال"),
    ("ar", GATE, "محتوى حصري"),
    ("ar", LINK_OUT, "اقرأ المقال كاملا"),
    ("ar", LINK_OUT, "اقرأ المزيد على"),
    ("ar", LINK_OUT, "المقال الأصلي"),
    ("ar", LINK_OUT, "نشر أصلا"),
    ("ar", RAIL, "أخبار ذات صلة"),
    ("ar", RAIL, "مقالات ذات صلة"),
    ("ar", RAIL, "مواضيع ذات صلة"),
    ("ar", RAIL, "اقرأ أيضا"),
    ("ar", RAIL, "الأكثر قراءة"),
    ("ar", RAIL, "قد يعجبك"),
    ("ar", MARKETING, "وصول غير محدود"),
];

/// What class, id, role, label and test-id tokens say about a block.
pub mod chrome {
    /// A paywall, registration wall or meter.
    pub const WALL: u32 = 1 << 0;
    /// A sign-up, subscription, trial or offer box.
    pub const SIGNUP: u32 = 1 << 1;
    /// A newsletter box.
    pub const NEWSLETTER: u32 = 1 << 2;
    /// A promo or marketing block.
    pub const PROMO: u32 = 1 << 3;
    /// An app banner.
    pub const APP: u32 = 1 << 4;
    /// A rail of other stories.
    pub const RAIL: u32 = 1 << 5;
    /// A modal, overlay, popup or interstitial.
    pub const MODAL: u32 = 1 << 6;
    /// A backdrop or scrim behind a modal.
    pub const BACKDROP: u32 = 1 << 7;
    /// A fade gradient or truncation wrapper.
    pub const FADING: u32 = 1 << 8;
    /// A share bar.
    pub const SHARE: u32 = 1 << 9;
    /// A "read more" link-out.
    pub const READ_MORE: u32 = 1 << 10;
    /// An image caption or credit.
    pub const CAPTION: u32 = 1 << 11;
    /// A button.
    pub const BUTTON: u32 = 1 << 12;
    /// A dismiss (close) control.
    pub const DISMISS: u32 = 1 << 13;
    /// A scroll lock on the page root.
    pub const SCROLL_LOCK: u32 = 1 << 14;
    /// Verse: a poem, lyrics or stanza.
    pub const VERSE: u32 = 1 << 15;
}

/// Class/id/role/label tokens (folded, word-bounded) and what they mark.
pub const CHROME_TOKENS: &[(u32, &str)] = &[
    (chrome::WALL, "paywall"),
    (chrome::WALL, "pay wall"),
    (chrome::WALL, "regwall"),
    (chrome::WALL, "wall"),
    (chrome::WALL, "registration wall"),
    (chrome::WALL, "meter"),
    (chrome::WALL, "metered"),
    (chrome::WALL, "gate"),
    (chrome::WALL, "gated"),
    (chrome::WALL, "piano"),
    (chrome::WALL, "premium content"),
    (chrome::WALL, "locked"),
    (chrome::WALL, "member only"),
    (chrome::WALL, "members only"),
    (chrome::SIGNUP, "signup"),
    (chrome::SIGNUP, "sign up"),
    (chrome::SIGNUP, "signin"),
    (chrome::SIGNUP, "sign in"),
    (chrome::SIGNUP, "login"),
    (chrome::SIGNUP, "register"),
    (chrome::SIGNUP, "registration"),
    (chrome::SIGNUP, "subscribe"),
    (chrome::SIGNUP, "subscription"),
    (chrome::SIGNUP, "subscriptions"),
    (chrome::SIGNUP, "subscriber"),
    (chrome::SIGNUP, "membership"),
    (chrome::SIGNUP, "cta"),
    (chrome::SIGNUP, "offer"),
    (chrome::SIGNUP, "upsell"),
    (chrome::SIGNUP, "trial"),
    (chrome::SIGNUP, "checkout"),
    (chrome::SIGNUP, "abo"),
    (chrome::NEWSLETTER, "newsletter"),
    (chrome::NEWSLETTER, "newsletters"),
    (chrome::NEWSLETTER, "optin"),
    (chrome::NEWSLETTER, "opt in"),
    (chrome::NEWSLETTER, "email capture"),
    (chrome::NEWSLETTER, "bulletin"),
    (chrome::PROMO, "promo"),
    (chrome::PROMO, "promotion"),
    (chrome::PROMO, "marketing"),
    (chrome::PROMO, "house ad"),
    (chrome::PROMO, "plug"),
    (chrome::APP, "app promo"),
    (chrome::APP, "app banner"),
    (chrome::APP, "app download"),
    (chrome::APP, "smartbanner"),
    (chrome::APP, "smart banner"),
    (chrome::APP, "app badges"),
    (chrome::RAIL, "related"),
    (chrome::RAIL, "recommended"),
    (chrome::RAIL, "recommendations"),
    (chrome::RAIL, "recirc"),
    (chrome::RAIL, "recirculation"),
    (chrome::RAIL, "more stories"),
    (chrome::RAIL, "top stories"),
    (chrome::RAIL, "picks"),
    (chrome::RAIL, "trending"),
    (chrome::RAIL, "most read"),
    (chrome::RAIL, "most popular"),
    (chrome::RAIL, "read next"),
    (chrome::RAIL, "up next"),
    (chrome::RAIL, "outbrain"),
    (chrome::RAIL, "taboola"),
    (chrome::MODAL, "modal"),
    (chrome::MODAL, "overlay"),
    (chrome::MODAL, "popup"),
    (chrome::MODAL, "pop up"),
    (chrome::MODAL, "lightbox"),
    (chrome::MODAL, "dialog"),
    (chrome::MODAL, "alertdialog"),
    (chrome::MODAL, "interstitial"),
    (chrome::MODAL, "takeover"),
    (chrome::MODAL, "flyout"),
    (chrome::MODAL, "slide in"),
    (chrome::BACKDROP, "backdrop"),
    (chrome::BACKDROP, "scrim"),
    (chrome::BACKDROP, "curtain"),
    (chrome::BACKDROP, "dimmer"),
    (chrome::FADING, "fade"),
    (chrome::FADING, "fadeout"),
    (chrome::FADING, "fade out"),
    (chrome::FADING, "gradient"),
    (chrome::FADING, "truncated"),
    (chrome::SHARE, "share"),
    (chrome::SHARE, "sharing"),
    (chrome::SHARE, "sharebar"),
    (chrome::SHARE, "social"),
    (chrome::READ_MORE, "readmore"),
    (chrome::READ_MORE, "read more"),
    (chrome::READ_MORE, "continue reading"),
    (chrome::READ_MORE, "source link"),
    (chrome::CAPTION, "caption"),
    (chrome::CAPTION, "captions"),
    (chrome::CAPTION, "credit"),
    (chrome::CAPTION, "credits"),
    (chrome::CAPTION, "legend"),
    (chrome::CAPTION, "legende"),
    (chrome::CAPTION, "bildunterschrift"),
    (chrome::CAPTION, "didascalia"),
    (chrome::CAPTION, "legenda"),
    (chrome::CAPTION, "pie de foto"),
    (chrome::CAPTION, "wp caption text"),
    (chrome::BUTTON, "btn"),
    (chrome::BUTTON, "button"),
    (chrome::DISMISS, "close"),
    (chrome::DISMISS, "dismiss"),
    (chrome::SCROLL_LOCK, "modal open"),
    (chrome::SCROLL_LOCK, "no scroll"),
    (chrome::SCROLL_LOCK, "noscroll"),
    (chrome::SCROLL_LOCK, "scroll lock"),
    (chrome::SCROLL_LOCK, "scroll locked"),
    (chrome::SCROLL_LOCK, "overflow hidden"),
    (chrome::SCROLL_LOCK, "tp modal open"),
    (chrome::VERSE, "poem"),
    (chrome::VERSE, "poetry"),
    (chrome::VERSE, "verse"),
    (chrome::VERSE, "stanza"),
    (chrome::VERSE, "lyrics"),
    (chrome::VERSE, "refrain"),
];

/// Parts of a page that a class, id, role or label can name, besides chrome: they say what a
/// removed block is, never whether it goes.
pub mod part {
    /// The site's navigation or menu bar.
    pub const NAVIGATION: u32 = 1 << 0;
    /// A footer.
    pub const FOOTER: u32 = 1 << 1;
    /// A comments section.
    pub const COMMENTS: u32 = 1 << 2;
}

/// Class/id/role/label tokens (folded, word-bounded) and the page part they name.
pub const PART_TOKENS: &[(u32, &str)] = &[
    (part::NAVIGATION, "nav"),
    (part::NAVIGATION, "navbar"),
    (part::NAVIGATION, "navigation"),
    (part::NAVIGATION, "menu"),
    (part::NAVIGATION, "menubar"),
    (part::NAVIGATION, "topbar"),
    (part::NAVIGATION, "top bar"),
    (part::FOOTER, "footer"),
    (part::FOOTER, "contentinfo"),
    (part::COMMENTS, "comment"),
    (part::COMMENTS, "comments"),
    (part::COMMENTS, "discussion"),
    (part::COMMENTS, "disqus"),
];

/// Words in a link's URL that mark it as a call to action (sign-up, subscription, app store,
/// newsletter, podcast).
pub const CTA_URL_TOKENS: &[&str] = &[
    "signup",
    "sign up",
    "register",
    "registration",
    "subscribe",
    "subscription",
    "subscriptions",
    "login",
    "signin",
    "sign in",
    "join",
    "trial",
    "checkout",
    "offer",
    "offers",
    "newsletter",
    "newsletters",
    "apps apple com",
    "itunes apple com",
    "play google com",
    "app link",
    "onelink",
    "app store",
    "abo",
    "abonnement",
    "abonnieren",
    "suscripcion",
    "suscribete",
    "assinatura",
    "assine",
    "abbonamento",
    "abbonati",
    "inscription",
    "podcast",
    "podcasts",
    "open spotify com",
    "membership",
];

/// A folded, space-padded text ready for phrase search: owned, or a slice of a [`FoldedRuns`].
#[derive(Clone, Debug)]
pub struct Folded<'a> {
    text: Cow<'a, str>,
    /// Characters of the folded text without padding.
    chars: usize,
}

impl Folded<'static> {
    pub fn new(s: &str) -> Self {
        let mut out = String::with_capacity(s.len() + 2);
        out.push(' ');
        fold_into(s, &mut out);
        if !out.ends_with(' ') {
            out.push(' ');
        }
        let chars = out.chars().count().saturating_sub(2);
        Folded {
            text: Cow::Owned(out),
            chars,
        }
    }
}

impl Folded<'_> {
    /// The folded text, space-padded.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the folded text in characters (without padding).
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// True when `phrase` (already folded, unpadded) occurs: word-bounded for Latin phrases,
    /// a plain substring for Arabic ones.
    pub fn contains_folded(&self, phrase: &str, arabic: bool) -> bool {
        if phrase.is_empty() {
            return false;
        }
        if arabic {
            return self.text.contains(phrase);
        }
        // Word-bounded: look for " phrase " without allocating.
        let hay = self.as_str();
        let mut from = 0;
        while let Some(i) = hay[from..].find(phrase) {
            let at = from + i;
            let end = at + phrase.len();
            let before = hay[..at].ends_with(' ');
            let after = hay[end..].starts_with(' ');
            if before && after {
                return true;
            }
            from = at + phrase.chars().next().map(char::len_utf8).unwrap_or(1);
        }
        false
    }
}

/// Lower-cases and folds text for matching: accents off Latin letters, Arabic diacritics and
/// letter variants unified, every run of other characters (punctuation, quotes, whitespace,
/// camelCase joins) to one space.
fn fold_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut prev_lower = false;
    let mut space = true;
    let mut i = 0;
    while i < bytes.len() {
        // NOTE: the ASCII fast path gives what the general path below gives for ASCII, without
        // the Unicode case tables; most page text and every class name is ASCII, and a run of
        // lower-case letters and digits is copied whole.
        match BYTE_CLASS[bytes[i] as usize] {
            class::LOWER | class::DIGIT => {
                let start = i;
                while i < bytes.len()
                    && matches!(BYTE_CLASS[bytes[i] as usize], class::LOWER | class::DIGIT)
                {
                    i += 1;
                }
                out.push_str(s.get(start..i).unwrap_or(""));
                prev_lower = BYTE_CLASS[bytes[i - 1] as usize] == class::LOWER;
                space = false;
                continue;
            }
            class::UPPER => {
                if prev_lower && !space {
                    out.push(' ');
                }
                out.push(char::from(bytes[i] | 0x20));
                prev_lower = false;
                space = false;
                i += 1;
                continue;
            }
            class::SEP => {
                prev_lower = false;
                if !space {
                    out.push(' ');
                    space = true;
                }
                i += 1;
                while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == class::SEP {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        // camelCase boundary: "PaywallToDOM" → "paywall to dom".
        if c.is_uppercase() && prev_lower && !space {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        if let Some(f) = fold_char(c) {
            if f == ' ' {
                if !space {
                    out.push(' ');
                    space = true;
                }
                continue;
            }
            if f == '\0' {
                continue; // dropped mark (diacritic, tatweel)
            }
            for l in f.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else {
            if !space {
                out.push(' ');
                space = true;
            }
        }
    }
}

/// One character folded: `Some(' ')` for a separator, `Some('\0')` for a dropped mark,
/// `None` for anything else that separates words.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ß' => 's',
        // Arabic: alef variants to bare alef, alef maqsura to ya, ta marbuta to ha.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        // Arabic diacritics (tashkeel), superscript alef and tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => '\0',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    })
}

/// Folds a phrase or text to the matching form, without padding.
pub fn fold(s: &str) -> String {
    let f = Folded::new(s);
    f.as_str().trim().to_string()
}

/// The folded words of many pieces of text (a page's text nodes and labels, in document order)
/// laid end to end, so that the folded text of any run of consecutive pieces (a subtree's) is
/// one slice, and the CTA phrases in it are answered from one scan of the whole.
///
/// NOTE: folding restarts at every piece (a piece always ends in a separator), so the slice of a
/// run of pieces is exactly `Folded::new` of those pieces joined by spaces; building it once
/// turns nested blocks' O(depth × text) re-folding into O(text).
pub struct FoldedRuns {
    /// " " then every piece folded, each followed by one space unless it folded to nothing.
    text: String,
    chars: usize,
    /// CTA phrase occurrences: (byte start, byte end, table index), by start.
    latin: Vec<(u32, u32, u32)>,
    arabic: Vec<(u32, u32, u32)>,
    scanned: bool,
}

/// Where a run of pieces starts or ends in a [`FoldedRuns`]: byte and character offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub byte: u32,
    pub char: u32,
}

impl Default for FoldedRuns {
    fn default() -> Self {
        Self::new()
    }
}

impl FoldedRuns {
    pub fn new() -> Self {
        FoldedRuns {
            text: " ".to_string(),
            chars: 1,
            latin: Vec::new(),
            arabic: Vec::new(),
            scanned: false,
        }
    }

    /// Empties it for a fresh run of pieces, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.text.push(' ');
        self.chars = 1;
        self.latin.clear();
        self.arabic.clear();
        self.scanned = false;
    }

    /// The current end: the start of the next piece.
    pub fn mark(&self) -> Mark {
        Mark {
            byte: self.text.len() as u32,
            char: self.chars as u32,
        }
    }

    /// Appends one piece (as if followed by a space).
    pub fn push(&mut self, piece: &str) {
        let from = self.text.len();
        fold_into(piece, &mut self.text);
        if !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.chars += self.text[from..].chars().count();
    }

    /// Finds every CTA phrase occurrence once; call after the last `push`.
    pub fn index(&mut self) {
        let table = compiled_cta();
        let hay = self.text.as_str();
        let latin = &mut self.latin;
        let arabic = latin_matches(hay, table, |at, i| {
            let end = at + table.entries[i].phrase.len();
            latin.push((at as u32, end as u32, i as u32));
            false
        });
        if !table.arabic.is_empty() && arabic == Some(true) {
            for &i in &table.arabic {
                let p = table.entries[i].phrase.as_str();
                // Every occurrence, overlapping ones too: a sub-range may hold only one of them.
                let mut from = 0;
                while let Some(k) = hay[from..].find(p) {
                    let at = from + k;
                    self.arabic
                        .push((at as u32, (at + p.len()) as u32, i as u32));
                    from = at + p.chars().next().map_or(1, char::len_utf8);
                }
            }
            self.arabic.sort_unstable();
        }
        self.scanned = true;
    }

    /// The folded text of the pieces pushed between `from` and `to`, as `Folded::new` of them
    /// joined by spaces would give it.
    pub fn folded(&self, from: Mark, to: Mark) -> Folded<'_> {
        // NOTE: the byte before any piece is the separator space, so the padded slice is free.
        let a = from.byte as usize - 1;
        Folded {
            text: Cow::Borrowed(&self.text[a..to.byte as usize]),
            chars: ((to.char - from.char) as usize + 1).saturating_sub(2),
        }
    }

    /// `scan(&self.folded(from, to))`, from the occurrences found by `index`.
    pub fn scan(&self, from: Mark, to: Mark) -> Hits {
        debug_assert!(self.scanned);
        let (a, b) = (from.byte - 1, to.byte);
        let mut hit: Vec<usize> = Vec::new();
        // Latin phrases start at a word inside the slice and end before its last space.
        let lo = self.latin.partition_point(|o| o.0 <= a);
        for o in &self.latin[lo..] {
            if o.0 >= b {
                break;
            }
            if o.1 < b {
                hit.push(o.2 as usize);
            }
        }
        // Arabic phrases: any occurrence wholly inside.
        let lo = self.arabic.partition_point(|o| o.0 < a);
        for o in &self.arabic[lo..] {
            if o.0 >= b {
                break;
            }
            if o.1 <= b {
                hit.push(o.2 as usize);
            }
        }
        hit.sort_unstable();
        hit.dedup();
        hits_of(hit, compiled_cta())
    }
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// A table entry after folding.
struct Compiled {
    kinds: u32,
    phrase: String,
    arabic: bool,
    raw: &'static str,
}

/// A compiled table, indexed for one pass over a text's words.
///
/// NOTE: folded text is words joined by single spaces, so a word-bounded phrase can only start
/// at a word; looking phrases up by their first word makes a scan cost one hash probe a word
/// instead of one substring search a phrase (the lexicon has hundreds).
struct Table {
    entries: Vec<Compiled>,
    /// Latin-script entries by the filter slot of their first folded word (see [`FirstWords`]).
    by_first_word: SlotLists,
    /// Arabic entries: matched as plain substrings (Arabic attaches clitics to words).
    arabic: Vec<usize>,
    /// Every entry (Arabic too) by its first folded word, in table order: for `starts_with`.
    starts_by_first_word: WordMap,
    /// Every entry's first folded word, as a filter that says "surely not" cheaply.
    first_words: FirstWords,
}

/// Slots of the [`FirstWords`] filter, as a power of two.
///
/// NOTE: 2^13 slots (32 KiB) hold the few hundred first words of a table with a false-positive
/// rate per word of a few percent at most; a false positive only costs the exact search.
const FIRST_WORD_BITS: u32 = 13;

/// A one-hash Bloom filter of a table's first words that also keeps their kinds: a word whose
/// slot lacks a kind starts no phrase of that kind.
///
/// NOTE: class names and URLs are folded and searched by the ten thousand and almost never
/// hold a token; [`FirstWords::may_match`] reads the raw ASCII text once, words split exactly
/// as [`fold_into`] splits them, without writing the folded text or probing the map.
struct FirstWords {
    /// The kinds of the entries whose first word hashes to each slot, or'ed.
    slots: Vec<u32>,
}

/// How [`ascii_words`] ended.
#[derive(PartialEq, Eq)]
enum WordScan {
    /// The callback asked to stop.
    Stopped,
    /// A byte outside ASCII: the words from there on are the exact search's to fold.
    NotAscii,
    /// Every word was seen.
    Done,
}

/// What [`ascii_words`] makes of a byte.
mod class {
    /// ASCII but not a letter or digit: a separator.
    pub const SEP: u8 = 0;
    pub const LOWER: u8 = 1;
    pub const DIGIT: u8 = 2;
    pub const UPPER: u8 = 3;
    /// Not ASCII.
    pub const HIGH: u8 = 4;
}

/// Every byte's [`class`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [class::HIGH; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => class::LOWER,
            b'A'..=b'Z' => class::UPPER,
            b'0'..=b'9' => class::DIGIT,
            _ => class::SEP,
        };
        b += 1;
    }
    t
};

/// Calls `stop` with the filter hash of each word of `s` as [`fold_into`] would split and
/// lower-case it (a run of ASCII letters and digits, split before an upper-case letter that
/// follows a lower-case one), until it returns true or a byte is not ASCII.
#[inline]
fn ascii_words(s: &str, mut stop: impl FnMut(u64) -> bool) -> WordScan {
    let mut h = 0u64;
    let mut in_word = false;
    let mut prev_lower = false;
    for &b in s.as_bytes() {
        match BYTE_CLASS[b as usize] {
            class::LOWER => {
                h = word_step(h, b);
                in_word = true;
                prev_lower = true;
            }
            class::DIGIT => {
                h = word_step(h, b);
                in_word = true;
                prev_lower = false;
            }
            class::UPPER => {
                if prev_lower {
                    if stop(h) {
                        return WordScan::Stopped;
                    }
                    h = 0;
                }
                h = word_step(h, b | 0x20);
                in_word = true;
                prev_lower = false;
            }
            class::SEP => {
                if in_word && stop(h) {
                    return WordScan::Stopped;
                }
                h = 0;
                in_word = false;
                prev_lower = false;
            }
            _ => return WordScan::NotAscii,
        }
    }
    if in_word && stop(h) {
        return WordScan::Stopped;
    }
    WordScan::Done
}

impl FirstWords {
    fn new<'a>(words: impl Iterator<Item = (&'a str, u32)>) -> Self {
        let mut slots = vec![0u32; 1 << FIRST_WORD_BITS];
        for (w, kinds) in words {
            slots[word_slot(w.bytes().fold(0, word_step))] |= kinds;
        }
        FirstWords { slots }
    }

    #[inline]
    fn kinds(&self, h: u64) -> u32 {
        self.slots[word_slot(h)]
    }

    /// False when no word of `s`, folded, can start a phrase of `mask` kinds; true when one
    /// may, or when `s` is not ASCII (only the exact search folds the rest).
    fn may_match(&self, s: &str, mask: u32) -> bool {
        ascii_words(s, |h| self.kinds(h) & mask != 0) != WordScan::Done
    }

    /// What the first word of `s`, folded, says: `None` when `s` has no word (it folds to
    /// nothing), `Some(false)` when no phrase of `mask` kinds starts with it, `Some(true)` when
    /// one may or `s` is not ASCII.
    fn may_start(&self, s: &str, mask: u32) -> Option<bool> {
        let mut first = None;
        match ascii_words(s, |h| {
            first = Some(self.kinds(h) & mask != 0);
            true
        }) {
            WordScan::Stopped => first,
            WordScan::NotAscii => Some(true),
            WordScan::Done => None,
        }
    }
}

/// One byte of a word into its filter hash.
#[inline]
fn word_step(h: u64, b: u8) -> u64 {
    h.rotate_left(5) ^ u64::from(b)
}

/// The filter slot of a word's hash.
#[inline]
fn word_slot(h: u64) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FIRST_WORD_BITS)) as usize
}

/// Table entries by the [`FirstWords`] slot of their first folded word, in table order.
///
/// NOTE: a word's slot is hashed on the way through the text, so finding the entries a word
/// may start costs no map probe; an entry filed under a colliding word simply fails the
/// phrase comparison that every candidate gets anyway.
struct SlotLists {
    /// Where each slot's entries start in `entries`; one more than there are slots.
    start: Vec<u32>,
    entries: Vec<u32>,
}

impl SlotLists {
    fn new<'a>(words: impl Iterator<Item = (&'a str, usize)> + Clone) -> Self {
        let slots = 1usize << FIRST_WORD_BITS;
        let mut count = vec![0u32; slots + 1];
        for (w, _) in words.clone() {
            count[word_slot(w.bytes().fold(0, word_step)) + 1] += 1;
        }
        for s in 0..slots {
            count[s + 1] += count[s];
        }
        let mut next = count.clone();
        let mut entries = vec![0u32; count[slots] as usize];
        for (w, i) in words {
            let slot = word_slot(w.bytes().fold(0, word_step));
            entries[next[slot] as usize] = i as u32;
            next[slot] += 1;
        }
        SlotLists {
            start: count,
            entries,
        }
    }

    /// The entries filed under the slot of a word's hash `h`.
    #[inline]
    fn get(&self, h: u64) -> &[u32] {
        let slot = word_slot(h);
        &self.entries[self.start[slot] as usize..self.start[slot + 1] as usize]
    }
}

/// Calls `found(at, entry)` for every Latin-script entry of `table` that occurs word-bounded at
/// byte `at` of `hay` (folded and space-padded), by position then table order, until it
/// returns true. Returns `None` when stopped, else whether `hay` holds an Arabic letter.
#[inline]
fn latin_matches(
    hay: &str,
    table: &Table,
    mut found: impl FnMut(usize, usize) -> bool,
) -> Option<bool> {
    let bytes = hay.as_bytes();
    let mut arabic = false;
    let mut at = 1;
    let mut h = 0u64;
    // Every word starts right after a space and ends before one (the text is space-padded,
    // and a last word with no space after it can end no phrase).
    for (j, &b) in bytes.iter().enumerate().skip(1) {
        if b != b' ' {
            h = word_step(h, b);
            // NOTE: U+0600–U+06FF are exactly the two-byte sequences led by 0xD8–0xDB.
            arabic |= b & 0xFC == 0xD8;
            continue;
        }
        for &i in table.by_first_word.get(h) {
            let p = table.entries[i as usize].phrase.as_bytes();
            if bytes[at..].starts_with(p)
                && bytes.get(at + p.len()) == Some(&b' ')
                && found(at, i as usize)
            {
                return None;
            }
        }
        at = j + 1;
        h = 0;
    }
    // NOTE: the last word, with no space after it, still counts for the Arabic test.
    Some(arabic)
}

/// Table entries by a folded word.
type WordMap = HashMap<String, Vec<usize>, BuildHasherDefault<WordHasher>>;

/// The hash of the tables' word keys. Every word of a page's text and of every class name is
/// looked up, so the hash must be cheap; the tables are fixed, so it need not resist chosen
/// keys. Eight bytes at a time: rotate, mix in, multiply.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(26) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(26) ^ u64::from_le_bytes(w) ^ rest.len() as u64).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        // NOTE: the table picks buckets by the low bits and tags by the high ones; fold the
        // well-mixed high half into the low one.
        self.0 ^ (self.0 >> 29)
    }
}

fn compiled_cta() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| crate::region::outside(|| compile(CTA.iter().map(|&(_, k, p)| (k, p)))))
}

fn compiled_tokens() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| crate::region::outside(|| compile(CHROME_TOKENS.iter().copied())))
}

fn compiled_parts() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| crate::region::outside(|| compile(PART_TOKENS.iter().copied())))
}

fn compiled_url_tokens() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| crate::region::outside(|| compile(CTA_URL_TOKENS.iter().map(|&p| (1, p)))))
}

fn compile<'a>(it: impl Iterator<Item = (u32, &'static str)> + 'a) -> Table {
    let entries: Vec<Compiled> = it
        .map(|(kinds, raw)| Compiled {
            kinds,
            phrase: fold(raw),
            arabic: is_arabic(raw),
            raw,
        })
        .filter(|c| !c.phrase.is_empty())
        .collect();
    let mut arabic = Vec::new();
    let mut starts_by_first_word = WordMap::default();
    for (i, c) in entries.iter().enumerate() {
        let first = c.phrase.split(' ').next().unwrap_or("");
        starts_by_first_word
            .entry(first.to_string())
            .or_default()
            .push(i);
        if c.arabic {
            arabic.push(i);
        }
    }
    let first_words = FirstWords::new(
        entries
            .iter()
            .map(|c| (c.phrase.split(' ').next().unwrap_or(""), c.kinds)),
    );
    let latin = entries
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.arabic)
        .map(|(i, c)| (c.phrase.split(' ').next().unwrap_or(""), i));
    let by_first_word = SlotLists::new(latin);
    Table {
        entries,
        by_first_word,
        arabic,
        starts_by_first_word,
        first_words,
    }
}

/// What a text said: the kinds of call to action found, and the first phrase of each scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    pub kinds: u32,
    /// The phrases that matched, as written in the table, in table order.
    pub phrases: Vec<&'static str>,
}

impl Hits {
    pub fn any(&self, mask: u32) -> bool {
        self.kinds & mask != 0
    }

    /// The first matching phrase among `mask` kinds, for a reason string.
    pub fn first(&self, mask: u32) -> Option<&'static str> {
        let table = &compiled_cta().entries;
        self.phrases
            .iter()
            .copied()
            .find(|p| table.iter().any(|c| c.raw == *p && c.kinds & mask != 0))
    }
}

/// Indices of the table entries that occur in `text`, in table order.
fn matches(text: &Folded, table: &Table) -> Vec<usize> {
    let hay = text.as_str();
    let mut hit: Vec<usize> = Vec::new();
    let arabic = latin_matches(hay, table, |_, i| {
        hit.push(i);
        false
    });
    if !table.arabic.is_empty() && arabic == Some(true) {
        hit.extend(
            table
                .arabic
                .iter()
                .copied()
                .filter(|&i| hay.contains(table.entries[i].phrase.as_str())),
        );
    }
    hit.sort_unstable();
    hit.dedup();
    hit
}

fn scan_table(text: &Folded, table: &Table) -> Hits {
    hits_of(matches(text, table), table)
}

fn hits_of(indices: Vec<usize>, table: &Table) -> Hits {
    let mut h = Hits::default();
    for i in indices {
        let c = &table.entries[i];
        h.kinds |= c.kinds;
        h.phrases.push(c.raw);
    }
    h
}

/// Scans folded text against the CTA lexicon.
pub fn scan(text: &Folded) -> Hits {
    scan_table(text, compiled_cta())
}

/// Scans a class/id/role/label string against the chrome tokens.
pub fn chrome_of(attrs: &str) -> u32 {
    let table = compiled_tokens();
    if !table.first_words.may_match(attrs, u32::MAX) {
        return 0;
    }
    with_folded(attrs, |hay| kinds_in(hay, table, false))
}

/// `chrome_of` of the parts joined by spaces, without joining them: folding restarts after
/// a separator, so each part folds on its own into the same buffer.
pub fn chrome_of_parts<'a, I>(parts: I) -> u32
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    kinds_of_parts(compiled_tokens(), parts)
}

/// The [`part`]s that the parts (an element's naming attributes) name, as `chrome_of_parts`
/// reads chrome.
pub fn part_of_parts<'a, I>(parts: I) -> u32
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    kinds_of_parts(compiled_parts(), parts)
}

/// The kinds of `table`'s phrases that the parts, joined by spaces, hold (see
/// `chrome_of_parts`); the parts are folded only when a word of one may start a phrase.
fn kinds_of_parts<'a, I>(table: &Table, parts: I) -> u32
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let parts = parts.into_iter();
    if !parts
        .clone()
        .any(|p| table.first_words.may_match(p, u32::MAX))
    {
        return 0;
    }
    with_folded_parts(parts, |hay| kinds_in(hay, table, false))
}

/// False when `chrome_of(s) & mask` is surely 0 (no word of `s` starts a chrome token of
/// those kinds); cheap.
pub fn may_be_chrome(s: &str, mask: u32) -> bool {
    compiled_tokens().first_words.may_match(s, mask)
}

/// False when `starts_with` of a text whose first piece is `piece` (see [`FoldedRuns`]) surely
/// finds no phrase of `mask` kinds; `None` when `piece` folds to nothing, so the next piece's
/// first word decides.
pub fn may_start_with(piece: &str, mask: u32) -> Option<bool> {
    compiled_cta().first_words.may_start(piece, mask)
}

/// True when a link's URL reads as a call to action.
pub fn is_cta_url(href: &str) -> bool {
    let table = compiled_url_tokens();
    table.first_words.may_match(href, u32::MAX)
        && with_folded(href, |hay| kinds_in(hay, table, true)) != 0
}

/// Runs `f` on the folded, padded form of `s` (as `Folded::new` gives it) in a reused buffer:
/// class names and URLs are folded by the ten thousand, and need no allocation each.
fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut out = b.take();
        out.clear();
        out.push(' ');
        fold_into(s, &mut out);
        if !out.ends_with(' ') {
            out.push(' ');
        }
        let r = f(&out);
        b.replace(out);
        r
    })
}

/// `with_folded` of the parts joined by spaces.
fn with_folded_parts<'a, R>(
    parts: impl IntoIterator<Item = &'a str>,
    f: impl FnOnce(&str) -> R,
) -> R {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut out = b.take();
        out.clear();
        out.push(' ');
        for p in parts {
            fold_into(p, &mut out);
            if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        let r = f(&out);
        b.replace(out);
        r
    })
}

/// The kinds of the table's phrases found in `hay` (folded, padded): the same matches as
/// [`matches`], or'ed together without collecting them; `first` stops at the first (every
/// entry has a kind: URL tokens are compiled with kind 1).
fn kinds_in(hay: &str, table: &Table, first: bool) -> u32 {
    let mut kinds = 0;
    let arabic = latin_matches(hay, table, |_, i| {
        kinds |= table.entries[i].kinds;
        first
    });
    if !table.arabic.is_empty() && arabic == Some(true) {
        for &i in &table.arabic {
            if hay.contains(table.entries[i].phrase.as_str()) {
                kinds |= table.entries[i].kinds;
            }
        }
    }
    kinds
}

/// The phrase of `kinds` that `text` starts with (after folding), if any.
pub fn starts_with(text: &Folded, mask: u32) -> Option<&'static str> {
    let table = compiled_cta();
    let t = text.as_str();
    // NOTE: a word-bounded phrase at the start shares the text's first word, so only the
    // entries filed under that word can match (Arabic ones included).
    let first = t.get(1..)?.split(' ').next()?;
    let cands = table.starts_by_first_word.get(first)?;
    cands
        .iter()
        .map(|&i| &table.entries[i])
        .filter(|c| c.kinds & mask != 0)
        .find(|c| {
            t.len() > c.phrase.len() + 1
                && t[1..].starts_with(c.phrase.as_str())
                && t[1 + c.phrase.len()..].starts_with(' ')
        })
        .map(|c| c.raw)
}

/// Where a matched phrase of `mask` kinds ends in the original `text` (byte offset), found by
/// folding word prefixes: used to read the source's name after "read the full story at".
pub fn text_after(text: &str, mask: u32) -> Option<String> {
    let folded = Folded::new(text);
    let c = compiled_cta()
        .entries
        .iter()
        .filter(|c| c.kinds & mask != 0 && !c.arabic)
        .find(|c| folded.contains_folded(&c.phrase, false))?;
    let want = c.phrase.split(' ').count();
    // Walk the original words, folding each, until the phrase's words are consumed.
    let words: Vec<&str> = text.split_whitespace().collect();
    for start in 0..words.len() {
        let mut got: Vec<String> = Vec::new();
        let mut end = start;
        while end < words.len() && got.len() < want {
            got.extend(
                fold(words[end])
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(String::from),
            );
            end += 1;
        }
        if got.join(" ") == c.phrase {
            let rest = words[end..].join(" ");
            let rest = rest
                .trim_matches(|ch: char| !ch.is_alphanumeric())
                .to_string();
            return Some(rest).filter(|r| !r.is_empty());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_quotes_and_arabic() {
        assert_eq!(fold("Déjà abonné ?"), "deja abonne");
        assert_eq!(fold("PaywallToDOM"), "paywall to dom");
        assert_eq!(fold("subscription-widget_wrap"), "subscription widget wrap");
        assert_eq!(fold("اشترِكْ الآن"), fold("اشترك الان"));
    }

    /// `fold_into` as it was before its ASCII fast path: the reference the fast path must equal.
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
        let mut prev_lower = false;
        let mut space = true;
        for c in s.chars() {
            if c.is_uppercase() && prev_lower && !space {
                out.push(' ');
            }
            prev_lower = c.is_lowercase();
            match fold_char(c) {
                Some(' ') | None => {
                    if !space {
                        out.push(' ');
                        space = true;
                    }
                }
                Some('\0') => {}
                Some(f) => {
                    out.extend(f.to_lowercase());
                    space = false;
                }
            }
        }
        out
    }

    #[test]
    fn ascii_fast_path_folds_like_the_general_path() {
        let samples = [
            "PaywallToDOM",
            "aB1cD2 e_F-g.H\0i\tJ9Z",
            "Déjà abonné ? ÀB cD",
            "x\u{064B}Y 9A a9B",
            "ÉcoleNormale iOS macOS",
            " \u{0}\u{7f}~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./ ",
        ];
        for s in samples {
            let mut out = String::new();
            fold_into(s, &mut out);
            assert_eq!(out, fold_reference(s), "{:?}", s);
        }
        for b in 0u8..128 {
            for a in [b'a', b'A', b'1', b' ', 0xC3] {
                let s = if a == 0xC3 {
                    format!("é{}x", b as char)
                } else {
                    format!("{}{}{}", a as char, b as char, 'Q')
                };
                let mut out = String::new();
                fold_into(&s, &mut out);
                assert_eq!(out, fold_reference(&s), "{:?}", s);
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn fast_fold_equals_reference(s in "(?s).{0,40}") {
            let mut out = String::new();
            fold_into(&s, &mut out);
            proptest::prop_assert_eq!(out, fold_reference(&s));
        }

        #[test]
        fn first_word_filter_is_exact(s in "(?s)([A-Za-z]{1,12}|[ ._/:-]|[0-9]|é){0,12}") {
            for table in [compiled_tokens(), compiled_url_tokens()] {
                if kinds_unfiltered(&s, table) != 0 {
                    proptest::prop_assert!(table.first_words.may_match(&s, u32::MAX));
                }
            }
            let tokens = CHROME_TOKENS.iter().map(|&(_, t)| t);
            for t in tokens.chain(CTA_URL_TOKENS.iter().copied()) {
                let padded = format!("x-{}{}", t, s);
                for table in [compiled_tokens(), compiled_url_tokens()] {
                    if kinds_unfiltered(&padded, table) != 0 {
                        proptest::prop_assert!(table.first_words.may_match(&padded, u32::MAX));
                    }
                }
            }
        }

        #[test]
        fn parts_fold_like_their_join(parts in proptest::collection::vec("(?s)(modal|open|Close|pop|up|scroll|lock|[ -]|.){0,8}", 0..4)) {
            let joined = parts.join(" ");
            proptest::prop_assert_eq!(
                chrome_of_parts(parts.iter().map(String::as_str)),
                chrome_of(&joined)
            );
            proptest::prop_assert_eq!(with_folded_parts(parts.iter().map(String::as_str), str::to_string), with_folded(&joined, str::to_string));
        }
    }

    /// The exact search, without the first-word filter.
    fn kinds_unfiltered(s: &str, table: &Table) -> u32 {
        with_folded(s, |hay| kinds_in(hay, table, false))
    }

    #[test]
    fn first_word_filter_never_hides_a_token() {
        let samples = [
            "subscription-widget show-subscribe",
            "PaywallToDOM",
            "xSignUp",
            "SIGNUP",
            "a9Sign up",
            "modalOpen",
            "https://apps.apple.com/app/id1",
            "/newsletters?utm=1",
            "Schließen",
        ];
        for table in [compiled_tokens(), compiled_url_tokens()] {
            for s in samples {
                if kinds_unfiltered(s, table) != 0 {
                    assert!(table.first_words.may_match(s, u32::MAX), "{:?}", s);
                }
            }
            for (_, _, raw) in CTA.iter().copied() {
                if kinds_unfiltered(raw, table) != 0 {
                    assert!(table.first_words.may_match(raw, u32::MAX), "{:?}", raw);
                }
            }
        }
        assert!(!compiled_tokens()
            .first_words
            .may_match("article-content post-body", u32::MAX));
    }

    #[test]
    fn every_language_has_its_calls_to_action() {
        for lang in ["en", "de", "fr", "es", "it", "pt", "ar"] {
            for k in [
                kind::SUBSCRIBE,
                kind::SIGN_IN,
                kind::GATE,
                kind::NEWSLETTER,
                kind::RAIL,
            ] {
                assert!(
                    CTA.iter().any(|&(l, kinds, _)| l == lang && kinds & k != 0),
                    "{} lacks kind {:b}",
                    lang,
                    k
                );
            }
        }
    }

    #[test]
    fn word_bounded_matches() {
        let t = Folded::new("Already a member? Sign in here");
        let h = scan(&t);
        assert!(h.any(kind::SIGN_IN));
        let t = Folded::new("The designers signed up to a union");
        assert!(!scan(&t).any(kind::SIGN_UP));
        let t = Folded::new("Sie haben bereits ein Abo? Hier anmelden");
        assert!(scan(&t).any(kind::SIGN_IN));
        let t = Folded::new("للمشتركين فقط. اشترك الآن لمتابعة القراءة");
        assert!(scan(&t).any(kind::GATE));
        assert!(scan(&t).any(kind::SUBSCRIBE));
    }

    #[test]
    fn reads_the_source_after_a_link_out() {
        assert_eq!(
            text_after(
                "Read the full story at Pinecrest Daily Record",
                kind::LINK_OUT
            )
            .as_deref(),
            Some("Pinecrest Daily Record")
        );
        assert!(starts_with(&Folded::new("Sign up to our bulletin"), kind::SIGN_UP).is_some());
    }

    #[test]
    fn chrome_tokens_and_urls() {
        assert!(chrome_of("subscription-widget show-subscribe") & chrome::SIGNUP != 0);
        assert!(chrome_of("PaywallToDOM") & chrome::WALL != 0);
        assert_eq!(chrome_of("article-content"), 0);
        assert!(is_cta_url(
            "https://www.example.com/email-subscriptions?utm_source=x"
        ));
        assert!(is_cta_url("/signup?source=nav"));
        assert!(!is_cta_url("/news/energy-price-cap"));
    }
}
