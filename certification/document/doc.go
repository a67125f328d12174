// Package document holds the models the workbooks are written from and
// the interfaces of their writers (storage/xlsx implements them): the
// audit plan and report (AuditPack, with its proposed timetable), the
// programme, findings and certificate registers, the CertSearch upload,
// the decision record, the audit time sheet and the client response
// form.
//
// The builders read the records through certification.Service:
//
//	pack, err := document.NewAuditPack(ctx, svc, auditID)
//	err = workbooks.AuditPlan(ctx, w, pack)
//
// Imports point one way: document uses certification, never the other
// way round. The rules stay in certification; recording the responses of
// a response form is its command (Service.RecordResponses).
package document
