#pragma once

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Gives the demo's officials the CRM people model (docs/crm-people.md): builds each
// government's department tree from the officials' department texts, links every
// official to it, writes posting histories (the holders of one post — government,
// department, title — follow each other on 1 April), links predecessor → successor,
// and gives every third successor an earlier posting in another department of the
// same government (a rotation across fiscal years). Reads only what is stored, so
// the same demo gives the same rows; the officials' own fields other than
// department_id are unchanged. Call inside a transaction; audited as one
// "demo.people_history" entry.
Status AddDemoPeopleHistory(ports::Store& store, AuditTrail& audit);

}  // namespace kyoso::app
