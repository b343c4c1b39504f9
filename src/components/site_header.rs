use crate::address::app_path;
use crate::page::use_program;
use advocate_domain::member_pages::{BRAND, CALL_AN_ADVOCATE};
use leptos::prelude::*;

/// The site's header: the way home and, on every page, one tap to call an advocate.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let phone = use_program().advocate_phone;
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a href=app_path("/") class="brand">
                    <svg class="brand__mark" aria-hidden="true" viewBox="0 0 32 32" width="32" height="32">
                        <rect width="32" height="32" rx="8" fill="currentColor"/>
                        <path d="M16 8v16M8 16h16" stroke="var(--color-header-bg)" stroke-width="4" stroke-linecap="round"/>
                    </svg>
                    <span class="brand__name">{BRAND}</span>
                </a>
                <a class="header-call" href=phone.tel_uri()>
                    <span class="header-call__label">{CALL_AN_ADVOCATE}</span>
                    <span class="header-call__number">{phone.to_string()}</span>
                </a>
            </div>
        </header>
    }
}
