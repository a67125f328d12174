package app

import (
	"fmt"

	"certdesk/certification"
)

// The plan form's team: the team picker (team_picker.go) follows the
// audit the form describes. Its candidates are read again when the
// certification, the dates or the standards it is integrated with change
// (who is free depends on the dates, who may lead on the standards), and
// a stage 2 starts from the team of the certification's stage 1.

// syncPicker gives the picker the audit the form describes.
func (f *planForm) syncPicker() {
	if f.picker == nil {
		return
	}
	a, _ := f.draft()
	a.Team = nil
	parts := f.integ.parts()
	key := ""
	if a.CertificationID != 0 && f.start.Validator(f.start.Text) == nil && f.end.Validator(f.end.Text) == nil {
		key = fmt.Sprintf("%d %s %s", a.CertificationID, a.PlannedStart, a.PlannedEnd)
		for _, p := range parts {
			key += fmt.Sprintf(" +%d", p.CertificationID)
		}
	}
	f.picker.audit, f.picker.parts = a, parts
	if key != f.poolKey {
		f.poolKey = key
		if key == "" {
			f.picker.clear("Choose the certification and the planned dates: the people free on them are then listed.")
		} else {
			f.picker.load()
		}
	}
	file := f.file()
	if file == nil || a.Kind != certification.Stage2 || f.stage1Team == file.Certification.ID || len(f.picker.members) > 0 {
		return
	}
	if s1 := lastStage1(file); s1 != nil && len(s1.Team) > 0 {
		f.stage1Team = file.Certification.ID
		f.picker.setTeam(s1.Team)
	}
}

// lastStage1 is the file's latest stage 1 that was not cancelled.
func lastStage1(file *certification.File) *certification.Audit {
	var out *certification.Audit
	for i := range file.Audits {
		if a := &file.Audits[i]; a.Kind == certification.Stage1 && a.Status != certification.AuditCancelled {
			out = a
		}
	}
	return out
}
