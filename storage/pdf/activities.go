package pdf

import (
	"math"

	"certdesk/certification/document"
)

// activities prints an audit's recorded activities (IAF MD 4), on site
// or remote with the ICT used, the remote share against the body's
// limit, and the risk assessment that allowed remote auditing: in the
// plan and the report alike. Nothing when none is recorded.
func (x *doc) activities(a *document.DocActivities) {
	if a == nil {
		return
	}
	x.sub(x.t("Audit activities"))
	rows := make([][]string, len(a.Activities))
	for i, act := range a.Activities {
		mode := x.t("on site")
		if act.Remote {
			mode = x.t("remote")
		}
		rows[i] = []string{longDate(x.p, act.Date), act.Site, act.Name, x.num(act.Hours), mode, act.ICT}
	}
	x.table([]string{x.t("Date"), x.t("Site"), x.t("Activity"), x.t("Hours"), x.t("Mode"), x.t("ICT used")},
		[]float64{26, 14, 56, 16, 20, 38}, rows)
	share := x.p.Sprintf("Remote share: %s of %s hours (%s %%).", x.num(a.RemoteHours), x.num(a.TotalHours), x.num(math.Round(a.Percent*10)/10))
	if a.Limit > 0 {
		share += " " + x.p.Sprintf("The body's limit for this audit is %s %%.", x.num(float64(a.Limit)))
	}
	x.para(share)
	if a.Over {
		x.f.SetTextColor(160, 0, 0)
		x.para(x.t("The remote share is above the body's limit."))
		x.f.SetTextColor(0, 0, 0)
	}
	if a.Assessment != "" {
		x.fields([][2]string{{x.t("Risk assessment for remote auditing (IAF MD 4)"), a.Assessment}})
	}
}
