# edaran.wfh: may a civil servant of this unit in this region work from home on this day?
#
# input  = {"authority": "region:32.73", "date": "2024-04-16", "unit": "health"}
# output = data.edaran.wfh.decision
#
# The rules come from data.edaran.rulebook (data.json, compiled by pipeline/engine/compile.py).
# The same semantics are written in Python in pipeline/engine/ask.py; tests check they agree.
#   1. levels, first with a rule in force decides: the authority's own rules, then (kota /
#      kabupaten) its province's, then the national (central) circulars;
#   2. within a level the in-force rule with the highest rank (latest from_day) decides;
#   3. a rule is in force on D when from <= D <= to, D's weekday is in `days` (if any), and no
#      rule of its supersession chain is in force on D;
#   4. exempt unit or revocation -> must work from the office; else the unit's cap, or the
#      cap for "all", or the modes;
#   5. unknown region, bad date, unknown unit or no rule in force -> applicable false.
package edaran.wfh

import rego.v1

book := data.edaran.rulebook

# The day is checked and its weekday computed with integer arithmetic only (Sakamoto's method):
# regopy 1.5.2 aborts the process ("free(): invalid pointer") in time.weekday() once numpy or
# pyarrow is loaded, so no time.* builtin is used.
# leading zeros are trimmed first: regopy's to_number("04") yields a number printed as 04
ymd := [num(substring(input.date, 0, 4)), num(substring(input.date, 5, 2)), num(substring(input.date, 8, 2))] if {
	regex.match(`^\d{4}-\d{2}-\d{2}$`, input.date)
}

num(s) := to_number(trim_left(s, "0"))

# a - b*floor(a/b), not %: regopy 1.5.2 gets % wrong for some values (2520 % 7 == 2)
mod(a, b) := a - (b * floor(a / b))

leap_year(y) if {
	mod(y, 4) == 0
	mod(y, 100) != 0
}

leap_year(y) if mod(y, 400) == 0

month_days := [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

feb_extra := 1 if {
	ymd[1] == 2
	leap_year(ymd[0])
} else := 0

real_day if {
	ymd[1] >= 1
	ymd[1] <= 12
	ymd[2] >= 1
	ymd[2] <= month_days[ymd[1] - 1] + feb_extra
}

sakamoto := [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]

weekday := ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][w] if {
	real_day
	y := ymd[0] - to_number(ymd[1] < 3)
	w := mod((((y + floor(y / 4)) - floor(y / 100)) + floor(y / 400)) + sakamoto[ymd[1] - 1] + ymd[2], 7)
}

valid_unit if input.unit in book.units

known_authority if book.regions[input.authority]

known_authority if regex.match(`^central:[a-z0-9][a-z0-9_-]*$`, input.authority)

valid_input if {
	weekday
	valid_unit
	known_authority
}

errors contains "date is not a real day YYYY-MM-DD" if not weekday

errors contains "unknown unit" if not valid_unit

errors contains "unknown authority" if not known_authority

day_ok(r) if count(r.days) == 0

day_ok(r) if weekday in r.days

base_in_force(r) if {
	r.from <= input.date
	input.date <= r.to
	day_ok(r)
}

superseded(r) if {
	some s in r.superseded_by
	base_in_force(book.rules[s])
}

in_force(r) if {
	base_in_force(r)
	not superseded(r)
}

province := p if {
	p := book.regions[input.authority].parent
	p != null
}

# the month bucket of the day (compile.py _month_index): only rules that can be in force that month
month := m if {
	weekday
	m := substring(input.date, 0, 7)
	m <= book.index_last_month
} else := "after" if weekday

# The rules of the day's month (the index is the biggest object of the bundle; a missing key
# gives an empty bucket).
bucket_own := ids if {
	ids := book.index[input.authority][month]
} else := []

bucket_province := ids if {
	ids := book.index[province][month]
} else := []

bucket_national := ids if {
	ids := book.national_index[month]
} else := []

live_own := {id |
	some id in bucket_own
	in_force(book.rules[id])
}

live_province := {id |
	some id in bucket_province
	in_force(book.rules[id])
}

live_national := {id |
	some id in bucket_national
	in_force(book.rules[id])
}

decided_by := "own" if {
	count(live_own) > 0
} else := "province" if {
	count(live_province) > 0
} else := "national" if {
	count(live_national) > 0
}

live := live_own if decided_by == "own"

live := live_province if decided_by == "province"

live := live_national if decided_by == "national"

# the in-force rule with the highest rank. rank_key is the rank zero-padded to 9 digits: regopy
# 1.5.2's max() and sort() order numbers as text (max({224, 59}) == 59), and padded text orders
# like the numbers; a pairwise "no other outranks it" check was 10x slower.
best_rank := max({book.rules[id].rank_key | some id in live})

primary := book.rules[id] if {
	some id in live
	book.rules[id].rank_key == best_rank
}

cap := 0 if {
	primary.revocation
} else := 0 if {
	input.unit in primary.exempt
} else := primary.caps[input.unit] if {
	object.get(primary.caps, input.unit, null) != null
} else := primary.caps.all if {
	object.get(primary.caps, "all", null) != null
}

max_wfh_percent := c if {
	c := cap
} else := null

must_work_from_office := c == 0 if {
	c := cap
} else := primary.wfo_only

wfh_allowed := c > 0 if {
	c := cap
} else := primary.wfh_mode

default decision := {
	"applicable": false,
	"wfh_allowed": false,
	"max_wfh_percent": null,
	"must_work_from_office": false,
	"policies": [],
	"sources": [],
	"decided_by": null,
}

decision := {
	"applicable": true,
	"wfh_allowed": wfh_allowed,
	"max_wfh_percent": max_wfh_percent,
	"must_work_from_office": must_work_from_office,
	"policies": [primary.id],
	"sources": primary.sources,
	"decided_by": decided_by,
} if {
	valid_input
	primary
}
