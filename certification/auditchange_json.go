package certification

import (
	"encoding/json"

	"certdesk/audit/sampling"
)

// An AuditChange is a command's argument (command.go), so it must read
// back from JSON meaning what it meant: a pointer to no team or no
// sites ("clear them") is not "leave them", and a pointer to no sample
// ("remove the sample") is not "leave it". encoding/json writes both as
// null; these methods keep them apart.

type auditChangeJSON struct {
	plainAuditChange
	ClearSample bool `json:"ClearSample,omitempty"`
}

type plainAuditChange AuditChange

func (ch AuditChange) MarshalJSON() ([]byte, error) {
	if ch.Team != nil && *ch.Team == nil {
		ch.Team = &[]TeamMember{}
	}
	if ch.Sites != nil && *ch.Sites == nil {
		ch.Sites = &[]string{}
	}
	clear := ch.Sample != nil && *ch.Sample == nil
	return json.Marshal(auditChangeJSON{plainAuditChange(ch), clear})
}

func (ch *AuditChange) UnmarshalJSON(data []byte) error {
	var v auditChangeJSON
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*ch = AuditChange(v.plainAuditChange)
	if v.ClearSample {
		ch.Sample = new(*sampling.Sample)
	}
	return nil
}
