use super::{FinderStep, remember_step, use_answers, use_catalog};
use crate::components::{BackLink, ErrorSummary, FieldError, MissingNeed, NotAnEmergencyLine, Radios, SafetyNotice, TextField};
use crate::finder::Answers;
use crate::page::{set_page_title, use_program};
use advocate_domain::routing::{AdministrativeTopic, PlannedCare};
use advocate_domain::{BillCoverage, NeedDetail, PlanCoverage, Service, request::asks_about_plan};
use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};

/// Step 4: the few details that decide the outcome: the health plan where routing depends on
/// it, a bill's amount and coverage, a condition and ZIP for a second opinion. Each keystroke
/// goes into the URL, so a reload keeps it; errors come from the domain's own checks.
#[component]
pub fn DetailsStep() -> impl IntoView {
    set_page_title("A few details");
    let answers = use_answers();
    remember_step(answers, "details");
    match answers.get_untracked().service(&use_catalog()).cloned() {
        Some(service) => view! { <DetailsForm service=service answers=answers/> }.into_any(),
        None => view! { <MissingNeed/> }.into_any(),
    }
}

#[component]
fn DetailsForm(service: Service, answers: Memo<Answers>) -> impl IntoView {
    let submitted = RwSignal::new(false);
    let navigate = use_navigate();
    let update = {
        let navigate = navigate.clone();
        move |change: &dyn Fn(&mut Answers)| {
            let mut next = answers.get_untracked();
            change(&mut next);
            navigate(&next.step("details"), NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    };
    let all_errors = {
        let service = service.clone();
        Memo::new(move |_| answers.read().detail_errors(&service))
    };
    // A typed field shows its error as the member types; an empty one only after "Continue".
    let visible_errors = Signal::derive(move || {
        let answers = answers.read();
        all_errors
            .get()
            .into_iter()
            .filter(|(field, _)| {
                submitted.get()
                    || match *field {
                        "amount" => !answers.amount.trim().is_empty(),
                        "uncovered" => !answers.uncovered.trim().is_empty(),
                        "zip" => !answers.zip.trim().is_empty(),
                        "condition" => answers.condition.chars().count() > 200,
                        _ => false,
                    }
            })
            .collect::<Vec<_>>()
    });
    let summary = Signal::derive(move || if submitted.get() { visible_errors.get() } else { Vec::new() });
    let error_for =
        move |field: &'static str| Signal::derive(move || visible_errors.read().iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        if all_errors.get_untracked().is_empty() {
            navigate(&answers.get_untracked().step("outcome"), Default::default());
        }
    };
    let back =
        Signal::derive(move || Answers { service: None, ..answers.get() }.step(if answers.get().area.is_some() { "need" } else { "help" }));
    let me = answers.get_untracked().me;
    let person = answers.get_untracked().person();
    let asks_plan = asks_about_plan(&service);
    let details = service.details.clone();
    view! {
        <BackLink href=back/>
        <ErrorSummary errors=summary/>
        <form on:submit=submit novalidate>
            <FinderStep step="details"/>
            <h1 tabindex="-1">{service.title.clone()}</h1>
            <p class="lead">"A few details help us send your request to the right place."</p>
            <NotAnEmergencyLine/>

            {asks_plan.then(|| {
                let update = update.clone();
                let sponsor = use_program().sponsor_name;
                        let choices = [
                            (PlanCoverage::CarrierPlan, if me { format!("Yes, I have a {sponsor} medical plan") } else { format!("Yes, {person} has a {sponsor} medical plan") }),
                            (PlanCoverage::OtherPlan, "No, another plan or no insurance".to_string()),
                            (PlanCoverage::NotSure, "I'm not sure".to_string()),
                        ];
                        let question = if me { format!("Are you covered by a {sponsor} medical plan?") } else { format!("Is {person} covered by a {sponsor} medical plan?") };
                        view! {
                            <fieldset class="question" class:question--error=move || error_for("plan").read().is_some() aria-describedby="plan-hint">
                                <legend class="question__legend">{question}</legend>
                                <p class="hint" id="plan-hint">"It decides whether an advocate or " {sponsor.clone()} "'s customer service handles this."</p>
                                <FieldError field="plan" message=error_for("plan")/>
                                <Radios name="plan" options=choices.to_vec()
                                    selected=Signal::derive(move || answers.read().plan)
                                    on_select=move |plan| update(&|a| a.plan = Some(plan))/>
                            </fieldset>
                        }
            })}

            {details.into_iter().map(|detail| {
                let update = update.clone();
                match detail {
                    NeedDetail::BillAmount => view! {
                        <div class="field" class:field--error=move || error_for("amount").get().is_some()>
                            <label class="label" for="amount">"How much is the bill?"</label>
                            <p class="hint" id="amount-hint">"The amount you are being asked to pay, in dollars and cents."</p>
                            <FieldError field="amount" message=error_for("amount")/>
                            <div class="input-prefix">
                                <span class="input-prefix__symbol" aria-hidden="true">"$"</span>
                                <input class="input input--short" id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off"
                                    aria-describedby=move || if error_for("amount").get().is_some() { "amount-hint amount-error" } else { "amount-hint" }
                                    prop:value=move || answers.read().amount.clone()
                                    on:input=move |ev| { let value = event_target_value(&ev); update(&|a| a.amount = value.clone()) }/>
                            </div>
                        </div>
                    }.into_any(),
                    NeedDetail::BillCoverage => {
                        let update_amount = update.clone();
                        view! {
                            <fieldset class="question" class:question--error=move || error_for("covered").read().is_some() aria-describedby="covered-hint">
                                <legend class="question__legend">"What did the health plan do with this bill?"</legend>
                                <p class="hint" id="covered-hint">"The Explanation of Benefits (EOB) from the plan says this. Medical Bill Saver negotiates bills the plan did not cover."</p>
                                <FieldError field="covered" message=error_for("covered")/>
                                <Radios name="covered" options=BillCoverage::ALL.map(|c| (c, c.label().to_string())).to_vec()
                                    selected=Signal::derive(move || answers.read().covered)
                                    on_select=move |coverage| update(&|a| a.covered = Some(coverage))/>
                            </fieldset>
                            <Show when=move || answers.read().covered == Some(BillCoverage::PartlyCovered)>
                                <div class="field" class:field--error=move || error_for("uncovered").get().is_some()>
                                    <label class="label" for="uncovered">"How much of the bill did the plan not cover?"</label>
                                    <p class="hint" id="uncovered-hint">"The EOB lists it as not covered, or as an amount the plan does not pay (not your deductible, copay or coinsurance)."</p>
                                    <FieldError field="uncovered" message=error_for("uncovered")/>
                                    <div class="input-prefix">
                                        <span class="input-prefix__symbol" aria-hidden="true">"$"</span>
                                        <input class="input input--short" id="uncovered" name="uncovered" type="text" inputmode="decimal" autocomplete="off"
                                            aria-describedby=move || if error_for("uncovered").get().is_some() { "uncovered-hint uncovered-error" } else { "uncovered-hint" }
                                            prop:value=move || answers.read().uncovered.clone()
                                            on:input={
                                                let update = update_amount.clone();
                                                move |ev| { let value = event_target_value(&ev); update(&|a| a.uncovered = value.clone()) }
                                            }/>
                                    </div>
                                </div>
                            </Show>
                        }.into_any()
                    }
                    NeedDetail::AdministrativeTopic => {
                        let sponsor = use_program().sponsor_name;
                        view! {
                            <Show when=move || answers.read().plan == Some(PlanCoverage::CarrierPlan)>
                                <fieldset class="question" class:question--error=move || error_for("topic").read().is_some() aria-describedby="topic-hint">
                                    <legend class="question__legend">"What is this mainly about?"</legend>
                                    <p class="hint" id="topic-hint">{format!("{sponsor}'s customer service handles what the plan usually does; advocates help with what it does not.")}</p>
                                    <FieldError field="topic" message=error_for("topic")/>
                                    <Radios name="topic" options=AdministrativeTopic::ALL.map(|t| (t, t.label().to_string())).to_vec()
                                        selected=Signal::derive(move || answers.read().topic)
                                        on_select={ let update = update.clone(); move |topic| update(&|a| a.topic = Some(topic)) }/>
                                </fieldset>
                            </Show>
                        }.into_any()
                    }
                    NeedDetail::PlannedCare => {
                        let sponsor = use_program().sponsor_name;
                        view! {
                            <Show when=move || answers.read().plan == Some(PlanCoverage::CarrierPlan)>
                                <fieldset class="question" class:question--error=move || error_for("care").read().is_some() aria-describedby="care-hint">
                                    <legend class="question__legend">"Which describes the care you are planning?"</legend>
                                    <p class="hint" id="care-hint">{format!("Advocates can negotiate with {sponsor}'s in-network providers only for care the plan does not cover.")}</p>
                                    <FieldError field="care" message=error_for("care")/>
                                    <Radios name="care" options=PlannedCare::ALL.map(|c| (c, c.label(&sponsor))).to_vec()
                                        selected=Signal::derive(move || answers.read().care)
                                        on_select={ let update = update.clone(); move |care| update(&|a| a.care = Some(care)) }/>
                                </fieldset>
                            </Show>
                        }.into_any()
                    }
                    NeedDetail::Condition => view! {
                        <SafetyNotice text=Signal::derive(move || answers.read().condition.clone())/>
                        <TextField id="condition" label="What is the condition or diagnosis?"
                            hint="In your own words, for example “knee pain, surgery advised”." autocomplete="off" maxlength=200
                            value=Signal::derive(move || answers.read().condition.clone())
                            on_input=move |value: String| update(&|a| a.condition = value.clone())
                            error=error_for("condition")/>
                    }.into_any(),
                    NeedDetail::Zip => view! {
                        <TextField id="zip" label="ZIP code where care is needed" inputmode="numeric" autocomplete="postal-code"
                            maxlength=10 width="input--zip"
                            value=Signal::derive(move || answers.read().zip.clone())
                            on_input=move |value: String| update(&|a| a.zip = value.clone())
                            error=error_for("zip")/>
                    }.into_any(),
                }
            }).collect_view()}

            <button type="submit" class="button button--primary">"Continue"</button>
        </form>
    }
}
