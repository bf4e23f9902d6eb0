#!/usr/bin/env python3
"""Write a synthetic informational-interview vault for benchmarks and scale tests.

    python3 bench/make_vault.py OUT_DIR --contacts 10000 [--interviews-per-contact 3]
        [--other-notes 20000] [--malformed 0.01] [--seed 1] [--today 2026-11-22]

Layout written (the vault format of the project's README wins where they differ):
    OUT_DIR/contacts/<Name>.md        type: contact
    OUT_DIR/interviews/<date> <Name>.md  type: interview, contact: "[[<Name>]]"
    OUT_DIR/notes/...                 ordinary notes that are neither
                                      (an Obsidian vault is rarely only this)
Deterministic for a given seed. Standard library only. Prints one line of counts when done.
"""

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Barbara",
    "Ken",
    "Dennis",
    "Margaret",
    "Tim",
    "Radia",
    "Frances",
    "Edsger",
    "Donald",
    "John",
    "Hedy",
    "Katherine",
    "Guido",
    "Yukihiro",
    "Bjarne",
    "Anders",
    "Priya",
    "Wei",
    "Amara",
    "Mateo",
    "Sofia",
    "Kenji",
    "Olu",
    "Ingrid",
    "Rahul",
    "Leila",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Liskov",
    "Thompson",
    "Ritchie",
    "Hamilton",
    "Berners-Lee",
    "Perlman",
    "Allen",
    "Dijkstra",
    "Knuth",
    "McCarthy",
    "Lamarr",
    "Johnson",
    "Rossum",
    "Matsumoto",
    "Stroustrup",
    "Hejlsberg",
    "Shah",
    "Zhang",
    "Okafor",
    "García",
    "Rossi",
    "Tanaka",
    "Adeyemi",
    "Larsen",
    "Mehta",
    "Haddad",
]
COMPANIES = [
    "Acme Robotics",
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Hooli",
    "Stark Labs",
    "Wayne Capital",
    "Cyberdyne",
    "Tyrell Bio",
]
ROLES = [
    "Product Manager",
    "Venture Capitalist",
    "Data Scientist",
    "UX Researcher",
    "Engineering Manager",
    "Teacher",
    "Founder",
    "Recruiter",
    "Policy Analyst",
    "Designer",
]
SOURCES = [
    "alumni network",
    "LinkedIn",
    "conference speaker",
    "referral",
    "professional association",
    "friend",
]
STATUSES = [
    "identified",
    "researching",
    "contacted",
    "scheduled",
    "interviewed",
    "nurturing",
    "declined",
    "dormant",
]
TAGS = ["product", "vc", "health", "design", "data", "policy", "edu"]
TOPICS = ["hiring", "roadmaps", "fundraising", "curricula"]
TASKS = ["Send the article we discussed", "Share my portfolio", "Introduce them to a peer"]
MEDIA = ["zoom", "phone", "coffee", "google meet", "teams"]
QUESTIONS = [
    "What is your typical day like?",
    "What do you like most about your role? What are the drawbacks?",
    "How did you prepare to take on this role?",
    "What are the keys to career advancement?",
    "What challenges do you foresee in this industry?",
    "Do you have any advice for someone interested in this field?",
    "Do you know of other people whom I might speak with?",
]


def contact_note(rng, name, names, today):
    contacted = today - dt.timedelta(days=rng.randint(1, 400))
    lines = [
        "---",
        "type: contact",
        f"name: {name}",
        f"company: {rng.choice(COMPANIES)}",
        f"role: {rng.choice(ROLES)}",
        f"email: {name.lower().replace(' ', '.')}@example.com",
        f"linkedin: https://www.linkedin.com/in/{name.lower().replace(' ', '-')}",
        f"source: {rng.choice(SOURCES)}",
    ]
    if rng.random() < 0.4:
        lines.append(f'referred_by: "[[{rng.choice(names)}]]"')
    lines += [
        f"status: {rng.choice(STATUSES)}",
        f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
        f"contacted: {contacted.isoformat()}",
    ]
    if rng.random() < 0.5:
        lines.append(
            f"follow_up: {(contacted + dt.timedelta(days=rng.randint(7, 120))).isoformat()}"
        )
    if rng.random() < 0.3:
        lines.append(f"cadence: {rng.choice([30, 60, 90, 180])}  # days between check-ins")
    lines += [
        "---",
        f"# {name}",
        "",
        "## Research",
        f"Worked at {rng.choice(COMPANIES)} before. Wrote about {rng.choice(TOPICS)}.",
        "",
        "## Log",
        f"- {contacted.isoformat()} sent outreach via {rng.choice(['email', 'LinkedIn'])}",
        "",
    ]
    return "\n".join(lines)


def interview_note(rng, name, names, when, today):
    done = when <= today
    lines = [
        "---",
        "type: interview",
        f'contact: "[[{name}]]"',
        f"date: {when.isoformat()}",
        f"medium: {rng.choice(MEDIA)}",
        f"duration: {rng.choice([20, 25, 30])}",
        f"status: {'done' if done else 'planned'}",
    ]
    if done and rng.random() < 0.7:
        lines.append(
            f"thank_you_sent: {(when + dt.timedelta(days=rng.choice([0, 1, 2, 5]))).isoformat()}"
        )
    lines += ["---", f"# Interview with [[{name}]]", "", "## Questions"]
    lines += [f"- {q}" for q in rng.sample(QUESTIONS, rng.randint(3, 5))]
    lines += [
        "",
        "## Notes",
        "They recommended reading up on "
        + rng.choice(["unit economics", "user research", "grant writing"])
        + ".",
        "",
    ]
    lines += ["## Action items"]
    for _ in range(rng.randint(0, 3)):
        lines.append(f"- [{'x' if rng.random() < 0.5 else ' '}] {rng.choice(TASKS)}")
    if rng.random() < 0.3:
        lines += ["", "## Referrals", f"- [[{rng.choice(names)}]]"]
    return "\n".join(lines) + "\n"


MALFORMED = [
    "---\ntype: contact\nname: [unclosed\n---\nbody\n",  # YAML syntax error
    "---\ntype: contact\nname: No Close\nbody without closing fence\n",  # no closing fence
    # unquoted link, impossible date
    "---\ntype: interview\ncontact: [[Bad Link]]\ndate: 2026-13-45\n---\n",
    # merge conflict
    "---\n<<<<<<< HEAD\ntype: contact\n=======\ntype: interview\n>>>>>>> other\n---\n",
    "\ufeff---\r\ntype: contact\r\nname: Windows Bom\r\n---\r\nbody\r\n",  # BOM + CRLF, valid
    "---\n- just\n- a list\n---\n",  # frontmatter not a mapping
]


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out", type=Path)
    ap.add_argument("--contacts", type=int, default=1000)
    ap.add_argument("--interviews-per-contact", type=float, default=2.0)
    ap.add_argument("--other-notes", type=int, default=0)
    ap.add_argument(
        "--malformed",
        type=float,
        default=0.0,
        help="fraction of extra files that are broken in realistic ways",
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    a = ap.parse_args()
    rng = random.Random(a.seed)
    names, seen = [], set()
    while len(names) < a.contacts:
        n = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if n in seen:
            n = f"{n} {len(names)}"
        seen.add(n)
        names.append(n)
    (a.out / "contacts").mkdir(parents=True, exist_ok=True)
    (a.out / "interviews").mkdir(parents=True, exist_ok=True)
    n_int = 0
    for name in names:
        (a.out / "contacts" / f"{name}.md").write_text(
            contact_note(rng, name, names, a.today), encoding="utf-8"
        )
    total_int = int(a.contacts * a.interviews_per_contact)
    for i in range(total_int):
        name = rng.choice(names)
        when = a.today + dt.timedelta(days=rng.randint(-500, 20))
        path = a.out / "interviews" / f"{when.isoformat()} {name}.md"
        if path.exists():
            path = path.with_name(f"{when.isoformat()} {name} ({i}).md")
        path.write_text(interview_note(rng, name, names, when, a.today), encoding="utf-8")
        n_int += 1
    if a.other_notes:
        for i in range(a.other_notes):
            d = a.out / "notes" / f"topic-{i % 50}"
            d.mkdir(parents=True, exist_ok=True)
            fm = f"---\ntags: [reading]\ncreated: {a.today.isoformat()}\n---\n" if i % 2 else ""
            (d / f"note {i}.md").write_text(
                fm + f"# Note {i}\nSome thoughts linking [[{rng.choice(names)}]].\n",
                encoding="utf-8",
            )
    n_bad = int((a.contacts + n_int) * a.malformed)
    for i in range(n_bad):
        d = a.out / ("contacts" if i % 2 else "interviews")
        (d / f"broken {i}.md").write_bytes(MALFORMED[i % len(MALFORMED)].encode("utf-8"))
    print(
        f"wrote {a.contacts} contacts, {n_int} interviews, {a.other_notes} other notes, "
        f"{n_bad} malformed files to {a.out}"
    )


if __name__ == "__main__":
    main()
