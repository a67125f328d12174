// Package audit is the home of how an audit is carried out, in packages
// that read at the call site:
//
//   - audittime: IAF MD 5 and ISO/IEC 42006 audit time (audittime.Calculate);
//   - sampling: IAF MD 1 multi-site sampling (sampling.Draw);
//   - catalogue: the clauses and Annex A controls of each standard
//     (catalogue.For(std));
//   - scheme: the scheme's names spelled once — standards, AI roles, risk
//     classes, levels of autonomy (scheme.ISO42001), which certification
//     types and the packages above use as strings.
//
// The Audit record itself, with its checklist and findings, lives in
// package certification beside the rules that gate it.
package audit
