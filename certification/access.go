package certification

import (
	"context"
	"errors"
	"fmt"
)

// Who may change what. Once a body has named an administrator (a person
// with RoleAdministrator: certctl makes the first person of a new
// register one), every change is made by an active person of the
// register, not by "system", and changes to the register and to the
// policy by an active administrator. A body that has named none yet (one
// made before the role existed, a demo being generated, a test fixture)
// is open: whoever names the first administrator closes it.
//
// The actor proves who they are by signing with their identity key
// (identity.go).

// FirstPerson is p as the first person of a new register: its
// administrator too. certctl and the app add the first person so.
func FirstPerson(p Person) Person {
	if !p.Has(RoleAdministrator) {
		p.Roles = append(p.Roles[:len(p.Roles):len(p.Roles)], RoleAdministrator)
	}
	return p
}

// adminCommands change the register or the policy.
var adminCommands = map[string]bool{"add-person": true, "update-person": true, "set-policy": true, "set-policy-image": true, "define-standard": true}

// AdminCommand reports whether command changes the register or the
// policy: only an administrator runs it.
func AdminCommand(command string) bool { return adminCommands[command] }

// systemCommands are the store's own work, done whoever opens the folder.
var systemCommands = map[string]bool{"refresh-obligations": true, "mark-refresh": true}

// SystemCommand reports whether command is the store's own work, which
// nobody signs: it changes only what the records imply.
func SystemCommand(command string) bool { return systemCommands[command] }

// checkAccess refuses a command the actor may not run.
func checkAccess(tx Tx, a Actor, sg Signer, command string) error {
	if systemCommands[command] {
		return nil
	}
	admins, err := activeAdministrators(tx)
	if err != nil || len(admins) == 0 {
		return err
	}
	if a.PersonID == 0 {
		return refuse(RuleActorInRegister, "%s is not a person of the register: since the body named an administrator, every change is made by a person (certctl --as, the app's \"working as\")", a)
	}
	var p Person
	if err := tx.Get(a.PersonID, &p); errors.Is(err, ErrNotFound) {
		return refuse(RuleActorInRegister, "there is no person %d in the register to act as", a.PersonID)
	} else if err != nil {
		return err
	}
	if p.Inactive {
		return refuse(RuleActorInRegister, "%s is inactive and makes no change", p.Name)
	}
	if adminCommands[command] && !p.Has(RoleAdministrator) {
		return refuse(RuleAdministrator, "%s is not an administrator: the register and the policy are changed by an administrator (%s)", p.Name, names(admins))
	}
	return checkIdentity(tx, p, sg, command)
}

// Administrators lists the active administrators of the register: none
// in a body that is still open.
func (s *Service) Administrators(ctx context.Context) ([]Person, error) {
	var out []Person
	err := s.store.View(ctx, func(tx Tx) (err error) {
		out, err = activeAdministrators(tx)
		return err
	})
	return out, err
}

// activeAdministrators lists the active administrators of the register.
func activeAdministrators(tx Tx) ([]Person, error) {
	ids, err := tx.Lookup(IndexPersonRole, []byte(RoleAdministrator))
	if err != nil {
		return nil, err
	}
	var out []Person
	for _, id := range ids {
		var p Person
		if err := tx.Get(id, &p); err != nil {
			return nil, fmt.Errorf("reading administrator %d: %w", id, err)
		}
		if !p.Inactive {
			out = append(out, p)
		}
	}
	return out, nil
}

func names(people []Person) string {
	s := ""
	for i, p := range people {
		if i > 0 {
			s += ", "
		}
		s += p.Name
	}
	return s
}
