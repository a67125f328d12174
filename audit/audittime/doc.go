// Audit time (IAF MD 5; ISO/IEC 42006 for ISO/IEC 42001).
//
// The calculation, step by step (every step is written into the result's
// justification, which is meant to be printed into the contract):
//
//  1. Base time per standard.
//     ISO 9001 and ISO/IEC 27001: the IAF MD 5 quality-management table
//     (assets/audittime/md5-qms.tsv) looked up with the effective personnel.
//     Effective personnel are full-time equivalents; a fraction of a person
//     counts as a whole one (40.2 → 41), so the table never gives less
//     time than the people need. Beyond the table's last row (10,700) the
//     table's progression goes on: its last rows add one day for about
//     25 % more personnel (5,450 → 6,800 → 8,500 → 10,700 are ×1.25, ×1.25,
//     ×1.26), so each further row ends 25 % (rounded up to a whole person)
//     above the previous one and adds one day: 10,701–13,375 → 23 days,
//     13,376–16,719 → 24, 16,720–20,899 → 25, …
//     (27001 uses the QMS table because that is the table the body's rules
//     give; a table of its own is one more TSV file and one line in
//     tableFor.)
//     ISO/IEC 42001: the body's table of days for 1–10 people doing AI work
//     by AI role (assets/audittime/42001-ai.tsv, policy data). A client with
//     one AI role takes that role's row; a client with two or more roles
//     takes the "several" row (6.5 days). The rules also say "take the
//     highest role when several apply": the several-roles row is the
//     highest row, so both readings give 6.5; if the file is edited so that
//     a single role's row is higher, that higher row is taken. Above 10 AI
//     personnel the days scale with the MD 5 progression relative to the
//     1–10 band: days × MD5(AI personnel) / MD5(10), e.g. 12 AI personnel:
//     × 2.5/2. AI personnel not stated (0) count as all effective personnel
//     (the conservative reading).
//  2. Adjustments up or down, each with a reason, as percentages of the
//     base, added (not compounded): adjusted = base × (1 + Σ%/100).
//     An adjustment applies to every standard or to one. Reductions that
//     apply to one standard may together be at most 30 %; increases are not
//     capped. For 42001 the complexity factors (AI systems, their EU AI Act
//     risk class, autonomy, personal data, processes using AI) give
//     suggested adjustments (assets/audittime/42001-factors.tsv, policy
//     data) that are applied only when the user accepts them.
//  3. An integrated audit of several standards: the sum of the adjusted
//     times reduced by at most 20 %.
//  4. The result is the initial audit (stage 1 + stage 2). Stage 1 is 30 %
//     of it, at least half a day, and stage 2 keeps at least half a day.
//     Surveillance is 1/3 of the initial time (each surveillance year),
//     recertification 2/3; each at least half a day.
//  5. Over sites: stage 1 at the central function (documents, planning);
//     stage 2, surveillance and recertification split by the sites'
//     personnel, the central function taking at least 20 %, every site at
//     least half a day when the time allows; the parts add up to the total.
//
// Rounding: every time is rounded to the nearest half auditor-day, a
// quarter day rounding up (6.25 → 6.5); base, adjusted and integrated
// times are each rounded. An auditor-day is 8 hours.
package audittime
