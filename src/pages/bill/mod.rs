//! "Check a medical bill": read a CSV or X12 file (in this browser: nothing is sent), or type
//! the charges; correct any line; answer a few questions; see the findings ordered by money at
//! stake and the Medical Bill Saver answer; then take it to an advocate.

mod draft;
mod file;
mod letters;
mod results;

use crate::api::{self, ApiError};
use crate::bill_handoff::BillHandoff;
use crate::components::{ErrorNotice, ErrorSummary, FieldError, MissedChargeNotice, Radios, RowsToCheck, TextField};
use crate::page::{focus_by_id, focus_now, set_page_title, use_program};
use advocate_domain::bill::Bill;
use advocate_domain::bill_import::BillReading;
use advocate_domain::bill_import::layout::PrintedRow;
use advocate_domain::bill_review::{BillOnly, BillReviewRequest, Review, review, total_difference};
use advocate_domain::letters::Letter;
use advocate_domain::member_pages::EntryPage;
use advocate_domain::routing::BillCoverage;
use advocate_domain::unit_limits::UnitLimits;
use draft::{BillForm, LineDraft, Printed};
use leptos::prelude::*;
use results::ReviewResults;
use std::rc::Rc;

#[component]
pub fn BillPage() -> impl IntoView {
    set_page_title(EntryPage::Bill.heading());
    // What the file said about the bill as a whole (provider, dates, totals); the lines are edited.
    let base = RwSignal::new(Bill::default());
    let lines = RwSignal::new(vec![LineDraft::empty()]);
    let claims = RwSignal::new(Vec::<Bill>::new());
    let file_message = RwSignal::new(None::<String>);
    let coverage = RwSignal::new(None::<BillCoverage>);
    let not_covered = RwSignal::new(String::new());
    let emergency = RwSignal::new(false);
    let surprise_clinician = RwSignal::new(false);
    let estimate_text = RwSignal::new(String::new());
    let zip = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let outcome = RwSignal::new(None::<Result<Review, ApiError>>);
    let letters = RwSignal::new(Vec::<Letter>::new());
    let checking = RwSignal::new(false);
    // The daily unit limits (about 20 KB): fetched once the member has started on a bill, a
    // charge typed or a file read, and not with the page, so that opening the bill check costs a
    // phone neither the download nor the task that reads them (60 to 110 ms at Lighthouse's 4×
    // slower CPU). A check made before they have arrived fetches them itself.
    let limits = StoredValue::new_local(None::<Rc<UnitLimits>>);
    let fetching_limits = StoredValue::new(false);
    Effect::new(move |_| {
        let started = lines.with(|lines| lines.iter().any(|line| !line.is_blank()));
        if started && !fetching_limits.get_value() {
            fetching_limits.set_value(true);
            leptos::task::spawn_local(async move {
                if let Ok(table) = api::unit_limits().await {
                    limits.set_value(Some(Rc::new(table)));
                }
            });
        }
    });
    let line_count = Memo::new(move |_| lines.read().len());
    // The photos or PDFs read so far, one per page, and the request as last checked: what
    // "Send to an advocate" takes along.
    let pages = RwSignal::new_local(Vec::<web_sys::File>::new());
    let checked = StoredValue::new(None::<BillReviewRequest>);
    // Rows of a photo or PDF that looked like charges but were not read completely, with the
    // page each is shown as; and the pages read before the current file, to number them.
    let to_check = RwSignal::new(Vec::<(u32, PrintedRow)>::new());
    let pages_before = StoredValue::new(0u32);
    // The stated total against the charges as they stand, corrected or not.
    let difference = Memo::new(move |_| {
        let read = lines.read().iter().enumerate().filter_map(|(i, line)| line.to_line(i).ok()).collect();
        total_difference(&Bill { lines: read, ..base.get() })
    });

    let load = move |bill: Bill| {
        lines.set(bill.lines.iter().map(LineDraft::from_line).collect());
        base.set(Bill { lines: Vec::new(), ..bill });
        outcome.set(None);
    };
    let on_read = Callback::new(move |read: Result<Vec<Bill>, String>| match read {
        Ok(mut bills) => {
            // Payments and credits a statement lists among its charges are not charges to check.
            let left_out = credits_left_out(bills.iter_mut().map(Bill::take_out_credits).sum());
            file_message.set(Some(match bills.len() {
                1 => format!(
                    "Read {} charge{} from the file.{left_out} Check them below and correct anything that was misread.",
                    bills[0].lines.len(),
                    if bills[0].lines.len() == 1 { "" } else { "s" }
                ),
                n => format!("This file holds {n} claims. Showing the first; choose another below.{left_out}"),
            }));
            if let Some(first) = bills.first().cloned() {
                load(first);
            }
            claims.set(bills);
        }
        Err(message) => file_message.set(Some(message)),
    });
    // One file read from a photo or PDF: the first replaces the lines, the next ones add to them,
    // each charge with the row it was read from.
    let on_page = Callback::new(move |reading: BillReading| {
        let BillReading { mut bill, rows, to_check: unread, pages: count, .. } = reading;
        let page = pages.read_untracked().len();
        if page <= 1 {
            pages_before.set_value(0);
            to_check.set(Vec::new());
        }
        let before = pages_before.get_value();
        pages_before.set_value(before + count.max(1));
        let printed = move |row: &PrintedRow| Printed { page: before + row.page + 1, text: row.text.clone() };
        // Credits come out of the lines, so each row is paired with its line first.
        let drafts: Vec<LineDraft> = bill
            .lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.charge.cents() >= 0)
            .map(|(i, line)| match rows.get(i) {
                Some(row) => LineDraft::from_printed(line, printed(row)),
                None => LineDraft::from_line(line),
            })
            .collect();
        let credits = bill.take_out_credits();
        let read = bill.lines.len();
        to_check.update(|r| r.extend(unread.iter().map(|row| (before + row.page + 1, row.clone()))));
        if page <= 1 {
            load(bill);
            lines.set(drafts);
        } else {
            // The total is printed on the last page.
            if bill.stated_total.is_some() {
                base.update(|b| b.stated_total = bill.stated_total);
            }
            lines.update(|l| {
                l.retain(|line| !line.is_blank());
                l.extend(drafts);
            });
            outcome.set(None);
        }
        let left_out = credits_left_out(credits);
        file_message.set(Some(format!(
            "Read {read} charge{} from page {page}.{left_out} Check them below and correct anything that was misread.",
            if read == 1 { "" } else { "s" }
        )));
        claims.set(Vec::new());
    });

    // Photos or PDFs still with the server. A check asked for meanwhile waits for them, so that
    // no page's charges are left out of it, and says so beside the button.
    let reading = RwSignal::new(false);
    let queued = RwSignal::new(false);
    let check_note = RwSignal::new(None::<&'static str>);

    let run_check = move || {
        check_note.set(None);
        let form = BillForm {
            base: base.get_untracked(),
            lines: lines.get_untracked(),
            coverage: coverage.get_untracked(),
            not_covered: not_covered.get_untracked(),
            emergency: emergency.get_untracked(),
            surprise_clinician: surprise_clinician.get_untracked(),
            estimate: estimate_text.get_untracked(),
            zip: zip.get_untracked(),
        };
        let request = match form.to_request() {
            Ok(request) => request,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        errors.set(Vec::new());
        checked.set_value(Some(request.clone()));
        if request.zip.is_some() {
            // With a ZIP code the member chose to compare prices: the server has the benchmarks.
            checking.set(true);
            leptos::task::spawn_local(async move {
                let answer = api::review_bill(&request).await;
                if let Ok(found) = &answer {
                    letters.set(advocate_domain::letters::letters(&request.bill, found, &request.situation));
                }
                outcome.set(Some(answer));
                checking.set(false);
                focus_results();
            });
        } else {
            // Without one, the review runs here, on this device, with the daily unit limits: a
            // check made before they have arrived fetches them; without them (offline, say) it
            // checks the bill on its own.
            leptos::task::spawn_local(async move {
                let table = match limits.get_value() {
                    Some(table) => Ok(table),
                    None => api::unit_limits().await.map(Rc::new),
                };
                let found = match table {
                    Ok(table) => review(&request.bill, &request.situation, &*table),
                    Err(_) => review(&request.bill, &request.situation, &BillOnly),
                };
                letters.set(advocate_domain::letters::letters(&request.bill, &found, &request.situation));
                outcome.set(Some(Ok(found)));
                focus_results();
            });
        }
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if reading.get_untracked() {
            queued.set(true);
            check_note.set(Some("The bill is checked as soon as every page has been read."));
        } else {
            run_check();
        }
    };
    let on_sent = Callback::new(move |all_read: bool| {
        if !queued.get_untracked() {
            return;
        }
        queued.set(false);
        if all_read {
            run_check();
        } else {
            check_note.set(Some(
                "Not checked yet: a page could not be read. Send it again above, or press \"Check the bill\" to check the charges read so far.",
            ));
        }
    });
    let error_for = move |field: String| Signal::derive(move || errors.read().iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let summary = Signal::derive(move || errors.get());

    view! {
        <div class="page page--bill">
            <h1 tabindex="-1">{EntryPage::Bill.heading()}</h1>
            <p class="lead">{EntryPage::Bill.lead(&use_program())}</p>
            <ErrorSummary errors=summary/>
            <file::BillFileInput on_read=on_read on_page=on_page pages=pages reading=reading on_sent=on_sent/>
            // Always on the page, so screen readers announce what is put in it.
            <div role="status">
                {move || file_message.get().map(|message| view! { <p class="notice notice--info">{message}</p> })}
            </div>
            <MissedChargeNotice difference=difference/>
            {move || (claims.read().len() > 1).then(|| view! {
                <div class="field">
                    <label class="label" for="claim">"Claim"</label>
                    <select id="claim" class="input" on:change=move |ev| {
                        if let Some(bill) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| claims.get_untracked().get(i).cloned()) {
                            load(bill);
                        }
                    }>
                        {claims.get().into_iter().enumerate().map(|(i, bill)| view! {
                            <option value=i.to_string()>{format!("Claim {}: {} · {} lines · {}", i + 1, bill.provider.clone().unwrap_or_else(|| "provider not named".into()), bill.lines.len(), bill.stated_total.unwrap_or_else(|| bill.lines_total()))}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}

            <form on:submit=check novalidate>
                <h2 class="section-title">"The charges"</h2>
                <p class="hint">"One line per charge, as the bill lists them. The itemized bill (not the summary) shows each one."</p>
                <ol class="bill-lines">
                    // Rebuilt only when a line is added or removed, never as the member types.
                    {move || (0..line_count.get()).map(|i| view! { <LineFields index=i lines=lines error_for=error_for/> }).collect_view()}
                </ol>
                <button type="button" id="add-line" class="button button--secondary"
                    aria-describedby=move || error_for("add-line".into()).read().is_some().then_some("add-line-error")
                    on:click=move |_| lines.update(|l| l.push(LineDraft::empty()))>"Add a charge"</button>
                <FieldError field="add-line" message=error_for("add-line".into())/>
                <RowsToCheck rows=to_check on_add=move |(page, row): (u32, PrintedRow)| {
                    lines.update(|l| {
                        l.retain(|line| !line.is_blank());
                        l.push(LineDraft::to_fill_in(Printed { page, text: row.text }));
                    });
                    let index = lines.read_untracked().len() - 1;
                    // Once drawn, the member continues in the new charge's first field.
                    request_animation_frame(move || focus_now(&format!("line-{index}-description")));
                }/>

                <h2 class="section-title">"About the care"</h2>
                <fieldset class="question" class:question--error=move || error_for("coverage".into()).read().is_some() aria-describedby="coverage-hint">
                    <legend class="question__legend">"What did the health plan do with this bill?"</legend>
                    <p class="hint" id="coverage-hint">"The Explanation of Benefits (EOB) from the plan says this. If you have no insurance for this care, choose \"Not covered at all\"."</p>
                    <FieldError field="coverage" message=error_for("coverage".into())/>
                    <Radios name="coverage" options=BillCoverage::ALL.map(|c| (c, c.label().to_string())).to_vec()
                        selected=Signal::derive(move || coverage.get())
                        on_select=move |c| coverage.set(Some(c))/>
                </fieldset>
                <Show when=move || coverage.get() == Some(BillCoverage::PartlyCovered)>
                    <TextField id="not-covered" label="How much of the bill did the plan not cover? (optional)"
                        hint="Medical Bill Saver looks at the part the plan did not cover. Without it, an advocate can find out." inputmode="decimal" autocomplete="off" width="input--short"
                        value=Signal::derive(move || not_covered.get()) on_input=move |v: String| not_covered.set(v) error=error_for("not-covered".into())/>
                </Show>
                <fieldset class="question">
                    <legend class="question__legend">"Does any of this apply?"</legend>
                    <div class="checkbox">
                        <input type="checkbox" id="emergency" prop:checked=move || emergency.get() on:change=move |ev| emergency.set(event_target_checked(&ev))/>
                        <label for="emergency">"It was emergency care, at a hospital or doctor outside my plan's network"</label>
                    </div>
                    <div class="checkbox">
                        <input type="checkbox" id="surprise" prop:checked=move || surprise_clinician.get() on:change=move |ev| surprise_clinician.set(event_target_checked(&ev))/>
                        <label for="surprise">"A doctor I did not choose was outside my network, at an in-network hospital or surgery center"</label>
                    </div>
                </fieldset>
                <TextField id="estimate" label="Good Faith Estimate, if you were given one (optional)"
                    hint="The written estimate a provider gives people paying for themselves, before the care." inputmode="decimal" autocomplete="off" width="input--short"
                    value=Signal::derive(move || estimate_text.get()) on_input=move |v: String| estimate_text.set(v) error=error_for("estimate".into())/>
                <TextField id="zip" label="ZIP code where you got care (optional)"
                    hint="To compare the charges with usual prices there. With a ZIP code, the bill's lines and your answers above (never your name) are sent to Advocate to compare, and not kept; without one, the check runs on this device only."
                    inputmode="numeric" autocomplete="postal-code" maxlength=10 width="input--zip"
                    value=Signal::derive(move || zip.get()) on_input=move |v: String| zip.set(v) error=error_for("zip".into())/>
                <button type="submit" class="button button--primary" disabled=move || checking.get()>
                    {move || if checking.get() { "Checking…" } else { "Check the bill" }}
                </button>
                <div role="status" id="check-note">
                    {move || check_note.get().map(|note| view! { <p class="hint">{note}</p> })}
                </div>
            </form>

            {move || match outcome.get() {
                Some(Ok(found)) => view! {
                    <ReviewResults review=found coverage=coverage.get_untracked()
                        difference=checked.with_value(|request| request.as_ref().and_then(|r| total_difference(&r.bill)))
                        on_send=move || BillHandoff::get().set(checked.get_value(), pages.get_untracked())>
                        <letters::LetterList letters=letters.get_untracked()/>
                    </ReviewResults>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}

/// One charge's fields, stacked on a phone.
#[component]
fn LineFields(
    index: usize,
    lines: RwSignal<Vec<LineDraft>>,
    error_for: impl Fn(String) -> Signal<Option<String>> + Copy + 'static,
) -> impl IntoView {
    let field =
        move |get: fn(&LineDraft) -> &String| Signal::derive(move || lines.read().get(index).map(|l| get(l).clone()).unwrap_or_default());
    let set = move |put: fn(&mut LineDraft, String)| {
        Callback::new(move |value: String| {
            lines.update(|l| {
                if let Some(line) = l.get_mut(index) {
                    put(line, value)
                }
            })
        })
    };
    let id = move |name: &str| format!("line-{index}-{name}");
    view! {
        <li class="bill-line">
            <fieldset class="bill-line__fields">
                <legend class="bill-line__legend">{format!("Charge {}", index + 1)}</legend>
                {move || lines.read().get(index).and_then(|l| l.printed.clone()).map(|Printed { page, text }| view! {
                    <p class="printed-row"><span class="printed-row__page">{format!("On the bill, page {page}: ")}</span>{text}</p>
                })}
                <LineInput id=id("description") label="What it was for" value=field(|l| &l.description) on_input=set(|l, v| l.description = v) error=error_for(id("description"))/>
                <div class="bill-line__row">
                    <LineInput id=id("date") label="Date" input_type="date" value=field(|l| &l.date) on_input=set(|l, v| l.date = v) error=error_for(id("date"))/>
                    <LineInput id=id("code") label="Code (optional)" value=field(|l| &l.code) on_input=set(|l, v| l.code = v) error=error_for(id("code"))/>
                </div>
                <div class="bill-line__row">
                    <LineInput id=id("units") label="Units" inputmode="numeric" value=field(|l| &l.units) on_input=set(|l, v| l.units = v) error=error_for(id("units"))/>
                    <LineInput id=id("charge") label="Charge ($)" inputmode="decimal" value=field(|l| &l.charge) on_input=set(|l, v| l.charge = v) error=error_for(id("charge"))/>
                </div>
                <button type="button" class="link-button" on:click=move |_| {
                    lines.update(|l| { if index < l.len() { l.remove(index); } });
                    focus_by_id("add-line");
                }>
                    "Remove" <span class="visually-hidden">{format!(" charge {}", index + 1)}</span>
                </button>
            </fieldset>
        </li>
    }
}

/// A compact labelled input for the line editor.
#[component]
fn LineInput(
    id: String,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field field--compact" class:field--error=move || error.read().is_some()>
            <label class="label label--small" for=id.clone()>{label}</label>
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{message}</p> })}
            <input class="input" id=id.clone() type=input_type inputmode=inputmode autocomplete="off"
                aria-invalid=move || error.read().is_some().then_some("true")
                aria-describedby={let error_id = format!("{id}-error"); move || error.read().is_some().then(|| error_id.clone())}
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </div>
    }
}

/// " One payment or credit was left out.", or nothing when none was.
fn credits_left_out(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => " One payment or credit was left out.".into(),
        n => format!(" {n} payments or credits were left out."),
    }
}

/// Brings the results into view and to the screen reader's attention.
fn focus_results() {
    focus_by_id("results-title");
}
