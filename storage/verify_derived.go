package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"certdesk/certification"
)

// obligationsIndex names the derived schedule in index problems.
const obligationsIndex = "obligations"

// obligations checks the schedule, which is derived (with Indexes): each
// certification's stored obligations must be those its file gives under
// the policy in force. An unfinished recomputation (a Refresh mark left by
// a crash) is reported too: the desk that next opens the folder for
// changes finishes it.
func (v *verifier) obligations() error {
	t := &tx{txn: v.txn}
	var mark certification.Refresh
	switch err := t.Get(1, &mark); {
	case err == nil:
		v.rep.index(obligationsIndex, nil, 0, fmt.Sprintf("a recomputation of the obligations (%s) is unfinished after certification %d: open the folder for changes (the app, or a certctl command that changes records) to finish it", mark.Reason, mark.After))
	case !errors.Is(err, certification.ErrNotFound):
		return err
	}
	p, err := certification.LoadPolicy(t)
	if err != nil {
		return err
	}
	return t.Each(certification.KindCertification, func(id certification.ID, _ func(certification.Record) error) error {
		if err := v.tick(); err != nil {
			return err
		}
		f, err := certification.LoadFile(t, id)
		if err != nil {
			v.rep.index(obligationsIndex, nil, id, fmt.Sprintf("the file of certification %d cannot be read to check its obligations: %v", id, err))
			return nil
		}
		want, err := json.Marshal(&certification.ObligationSet{CertificationID: id, ClientID: f.Certification.ClientID, Items: certification.Obligations(f, p)})
		if err != nil {
			return err
		}
		var stored certification.ObligationSet
		switch err := t.Get(id, &stored); {
		case errors.Is(err, certification.ErrNotFound):
			v.rep.index(obligationsIndex, nil, id, fmt.Sprintf("certification %d has no stored obligations", id))
			return nil
		case err != nil:
			return err
		}
		got, err := json.Marshal(&stored)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			v.rep.index(obligationsIndex, nil, id, fmt.Sprintf("the stored obligations of certification %d are not those its file gives under the policy in force: the schedule is stale", id))
		}
		return nil
	})
}
