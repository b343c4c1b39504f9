//! The review's answer: what was found first (findings about the same charges in one card, each
//! charge counted once at stake), then the Medical Bill Saver answer, the next steps and the way
//! to an advocate.

use crate::clock::use_now;
use crate::components::{ContactCard, MissedChargeNotice};
use crate::finder::Answers;
use crate::page::use_program;
use advocate_domain::bill_review::{Review, TotalDifference, describe_lines};
use advocate_domain::routing::{BillCoverage, BillSaverEligibility, BillService};
use leptos::prelude::*;

#[component]
pub fn ReviewResults(
    review: Review,
    coverage: Option<BillCoverage>,
    /// The bill's stated total against the charges checked, when they differ: said before any
    /// finding, since a charge may have been missed.
    difference: Option<TotalDifference>,
    /// Called as the member follows "Send to an advocate", to take the bill along.
    #[prop(into)]
    on_send: Callback<()>,
    children: Children,
) -> impl IntoView {
    let qualifies = review.bill_saver == BillSaverEligibility::Qualifies;
    // "Send to an advocate" opens the finder at this need, with the amount and coverage filled in.
    let service = BillService::for_bill(review.bill_saver);
    let amount = review.amount.to_string().trim_start_matches('$').to_string();
    let to_advocate =
        Answers { area: Some(service.area()), service: Some(service.id().into()), amount, covered: coverage, ..Default::default() }
            .step("");
    let count = review.groups.len();
    let findings = review.findings.clone();
    view! {
        <section class="review" aria-labelledby="results-title">
            <h2 id="results-title" tabindex="-1">"What we found"</h2>
            <MissedChargeNotice difference=Signal::stored(difference)/>
            <p class="review__summary">
                {match count {
                    0 => "No problems found in the charges.".to_string(),
                    1 => format!("1 thing to ask about, with {} at stake.", review.at_stake),
                    n => format!("{n} things to ask about, with up to {} at stake in all (each charge counted once).", review.at_stake),
                }}
            </p>
            <ol class="findings">
                {review.groups.into_iter().map(|group| {
                    let members: Vec<_> = group.findings.iter().map(|&i| findings[i].clone()).collect();
                    let title = members.iter().map(|f| f.kind.title()).collect::<Vec<_>>().join(" · ");
                    view! {
                        <li class="finding">
                            <h3 class="finding__title">{title}</h3>
                            {(group.at_stake.cents() > 0).then(|| view! { <p class="finding__amount">{format!("{} at stake", group.at_stake)}</p> })}
                            {(!group.lines.is_empty()).then(|| view! { <p class="finding__lines">{format!("On {}", describe_lines(&group.lines))}</p> })}
                            {members.into_iter().map(|finding| view! {
                                <p>{finding.explanation}</p>
                                <p class="finding__ask"><strong>"Ask: "</strong>{finding.ask}</p>
                            }).collect_view()}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h3>"Medical Bill Saver"</h3>
            <p class=if qualifies { "answer-panel answer-panel--yes" } else { "answer-panel" }>{review.bill_saver_answer.clone()}</p>
            <h3>"What to do next"</h3>
            <ul class="list">{review.next_steps.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ul>
            {children()}
            <p><a class="button button--primary" href=to_advocate on:click=move |_| on_send.run(())>"Send to an advocate"</a></p>
            <ContactCard program=use_program() now=use_now()/>
        </section>
    }
}
