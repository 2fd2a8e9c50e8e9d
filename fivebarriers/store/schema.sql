-- Five Barriers schema. The table and column names are a contract (GUIDE §2).
-- Lines tagged `-- constraint` are dropped for backends that cannot enforce
-- them (and for tests that must put a rule-breaking row in front of `check`);
-- `fivebarriers check` re-tests every one of them in SQL.

create table sources (
    source_id varchar primary key, -- constraint
    title varchar not null,
    title_supplied boolean not null default false,
    publisher varchar,
    author varchar,
    published_date date,
    published_note varchar,
    url varchar,
    licence varchar,
    kind varchar not null,
    seed_file varchar,
    used_for varchar not null,
    is_synthetic boolean not null default false,
    batch_id varchar,
    check (kind in ('guidance', 'briefing', 'article', 'reference', 'synthetic', 'analyst')), -- constraint
);

-- Each source document's table of contents: the section headings a locator
-- may name (`check` refuses any other). Reference sets have none.
create table source_sections (
    source_id varchar not null references sources (source_id), -- constraint
    section varchar not null,
    covers varchar not null,
    batch_id varchar,
    primary key (source_id, section), -- constraint
);

create table barriers (
    barrier_id varchar primary key, -- constraint
    number integer not null,
    name varchar not null,
    summary varchar not null,
    display_order integer not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
);

create table recommendations (
    recommendation_id varchar primary key, -- constraint
    barrier_id varchar not null references barriers (barrier_id), -- constraint
    number integer not null,
    letter varchar not null,
    text varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
);

create table departments (
    department_id varchar primary key, -- constraint
    lineage_id varchar not null,
    name varchar not null,
    abbreviation varchar,
    kind varchar not null,
    valid_from date,
    valid_to date,
    successor_id varchar,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    history_source_id varchar references sources (source_id), -- constraint
    check (valid_to is null or valid_from is null or valid_from <= valid_to), -- constraint
);

create table places (
    place_id varchar primary key, -- constraint
    name varchar not null,
    kind varchar not null,
    parent_id varchar,
    gss_code varchar,
    lat double,
    lon double,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    geo_source_id varchar references sources (source_id), -- constraint
    batch_id varchar,
    check (lat is null or lat between -90 and 90), -- constraint
    check (lon is null or lon between -180 and 180), -- constraint
);

create table programmes (
    programme_id varchar primary key, -- constraint
    name varchar not null,
    short_name varchar not null,
    start_year integer,
    end_year integer,
    period_note varchar,
    funder varchar,
    lead_department_id varchar references departments (department_id), -- constraint
    summary varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    batch_id varchar,
);

create table programme_places (
    programme_id varchar not null references programmes (programme_id), -- constraint
    place_id varchar not null references places (place_id), -- constraint
    role varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    primary key (programme_id, place_id), -- constraint
);

create table pilots (
    pilot_id varchar primary key, -- constraint
    name varchar not null,
    programme_id varchar not null references programmes (programme_id), -- constraint
    place_id varchar not null references places (place_id), -- constraint
    scope varchar not null,
    start_date date,
    end_date date,
    summary varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    -- What the source says about timing when it gives no start or end
    -- ("Hub operational from January 2023"): shown instead of "dates not given".
    dates_note varchar,
    batch_id varchar,
    check (scope in ('pilot', 'case study', 'programme-wide')), -- constraint
);

create table pilot_barriers (
    pilot_id varchar not null references pilots (pilot_id), -- constraint
    barrier_id varchar not null references barriers (barrier_id), -- constraint
    role varchar not null,
    basis varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    batch_id varchar,
    primary key (pilot_id, barrier_id, role), -- constraint
    check (role in ('addressed', 'faced')), -- constraint
    check (basis in ('stated in source', 'our reading')), -- constraint
);

create table pilot_departments (
    pilot_id varchar not null references pilots (pilot_id), -- constraint
    department_id varchar not null references departments (department_id), -- constraint
    role varchar not null,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    batch_id varchar,
    primary key (pilot_id, department_id), -- constraint
    check (role in ('lead', 'partner', 'engaged', 'named')), -- constraint
);

create table outputs (
    output_id varchar primary key, -- constraint
    pilot_id varchar not null references pilots (pilot_id), -- constraint
    measure varchar not null,
    unit varchar not null,
    baseline double,
    target_low double,
    target_high double,
    target_qualifier varchar,
    actual double,
    qualifier varchar,
    kind varchar not null,
    status varchar not null,
    period_end date,
    note varchar,
    goal_same_measure boolean,
    goal_measure varchar,
    disputed_note varchar,
    source_compares_goal boolean,
    source_judgement varchar,
    goal_caveat varchar,
    evidence_strength varchar,
    evidence_basis varchar,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    batch_id varchar,
    check (kind in ('achieved', 'expected')), -- constraint
    check (status in ('reported', 'not reported')), -- constraint
    check ((status = 'not reported') = (actual is null)), -- constraint
    check ((actual is null) = (qualifier is null)), -- constraint
    check (qualifier is null or qualifier in ('exactly', 'over', 'at least', 'about', 'under', 'up to')), -- constraint
    check ((target_low is null) = (target_high is null)), -- constraint
    check (target_low is null or target_low <= target_high), -- constraint
    check (target_qualifier is null or target_low is not null), -- constraint
    check (goal_same_measure is null or target_low is not null), -- constraint
    check (goal_measure is null or goal_same_measure = false), -- constraint
    check (source_compares_goal is null or target_low is not null), -- constraint
    check (evidence_strength is null or evidence_strength in ('a projection', 'reported in an article', 'reported by the programme', 'an independent evaluation', 'an independent impact evaluation', 'not yet assessed')), -- constraint
);

create table barrier_evidence (
    evidence_id varchar primary key, -- constraint
    barrier_id varchar not null references barriers (barrier_id), -- constraint
    place_id varchar references places (place_id), -- constraint
    programme_id varchar references programmes (programme_id), -- constraint
    pilot_id varchar references pilots (pilot_id), -- constraint
    finding varchar not null,
    value double,
    value_qualifier varchar,
    value_unit varchar,
    denominator double,
    basis varchar,
    disputed_note varchar,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    batch_id varchar,
    check ((value is null) = (value_unit is null)), -- constraint
    check (basis is null or basis in ('stated in source', 'our reading')), -- constraint
    check (denominator is null or value <= denominator), -- constraint
);

create table funding_flows (
    flow_id varchar primary key, -- constraint
    from_body varchar not null,
    from_department_id varchar references departments (department_id), -- constraint
    to_body varchar not null,
    to_place_id varchar references places (place_id), -- constraint
    programme_id varchar references programmes (programme_id), -- constraint
    amount_gbp double,
    amount_qualifier varchar,
    status varchar not null,
    flow_kind varchar not null,
    period varchar,
    note varchar not null,
    disputed_note varchar,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    check (status in ('reported', 'not reported')), -- constraint
    check ((status = 'not reported') = (amount_gbp is null)), -- constraint
    check (flow_kind in ('paid', 'planned', 'ring-fenced')), -- constraint
);

create table context_figures (
    figure_id varchar primary key, -- constraint
    subject varchar not null,
    place_id varchar references places (place_id), -- constraint
    programme_id varchar references programmes (programme_id), -- constraint
    measure varchar not null,
    unit varchar not null,
    value double not null,
    qualifier varchar not null,
    period varchar,
    disputed_note varchar,
    source_id varchar not null references sources (source_id), -- constraint
    locator varchar not null,
    check (qualifier in ('exactly', 'over', 'at least', 'about', 'under', 'up to')), -- constraint
);

-- What a workshop's room answered, as counts: one row per workshop, question
-- and option (every option, even at 0), never who answered what. The Present
-- page saves a closed question here through the analysts' load path; an
-- analyst may load a workshop's counts from a spreadsheet the same way.
create table workshop_answers (
    session_id varchar not null,
    question_id varchar not null,
    question varchar not null,
    option varchar not null,
    answers integer not null,
    place_id varchar references places (place_id), -- constraint
    held_on date not null,
    barrier_id varchar references barriers (barrier_id), -- constraint
    batch_id varchar,
    primary key (session_id, question_id, option), -- constraint
    check (answers >= 0), -- constraint
);

create table ingest_batches (
    batch_id varchar primary key, -- constraint
    table_name varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    loaded_by varchar not null,
    loaded_at timestamp not null,
    row_count bigint not null,
    outcome varchar not null,
    undone_at timestamp,
    note varchar,
    loader_version integer,
);

create table build_info (
    key varchar primary key, -- constraint
    value varchar not null,
);

-- Derived, not curated (fivebarriers/store/summaries.py rebuilds these tables in
-- every write; `check` compares them with what they derive from). The pages'
-- counts and pivots are sums over output_summary, one row per pilot, kind,
-- status, goal/no goal and source (about 150,000 rows at 10M outputs), and
-- their filters read pilot_summary, the pilot_facts view stored (25,000 rows),
-- instead of scanning 10M outputs or re-deriving lists on every rerun.
create table output_summary (
    pilot_id varchar not null,
    kind varchar not null,
    status varchar not null,
    with_target boolean not null,
    source_id varchar,
    evidence_strength varchar,
    outputs bigint not null,
    comparable bigint not null,
    beat bigint not null,
    source_beat bigint not null,
    fell_short bigint not null,
    first_output_id varchar,
    last_output_id varchar,
);

-- The results each goal chart can draw first: per pilot, the 12 results with
-- a goal that the goal_results macro (views.sql) ranks highest, so a chart
-- sorts at most 12 rows per pilot instead of every result with a goal
-- (6M at 10M outputs).
create table goal_summary (
    pilot_id varchar not null,
    output_id varchar not null,
    unreported boolean not null,
    times_goal double,
);

create table pilot_summary (
    pilot_id varchar not null,
    pilot_name varchar,
    programme_id varchar,
    programme_name varchar,
    place_id varchar,
    place_name varchar,
    place_ancestor_ids varchar[],
    barrier_ids varchar[],
    barriers_addressed varchar[],
    department_ids varchar[],
);

-- The place_lineage view stored (one row per place, about 1,800 at 10M
-- outputs): the recursive walk costs about 15 ms per query, and the Places
-- page asks five queries about one place on every choice.
create table place_lineage_summary (
    place_id varchar not null,
    ancestor_ids varchar[],
);
