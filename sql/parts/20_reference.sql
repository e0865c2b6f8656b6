
------------------------------------------------------------------------------
-- Reference data (SPEC section 4): sources, the figures they state, and their
-- qualitative and dated claims.
--
-- Rows shipped with the extension have builtin = true and ids below 10000;
-- rows users add get ids from 10000 up (the identity sequences start there)
-- and builtin = false.  The tables and their sequences are registered with
-- pg_extension_config_dump, so pg_dump saves the user rows and the sequence
-- positions, while the shipped rows are recreated by CREATE EXTENSION and
-- never dumped, so they are never duplicated.  Shipped ids are written out
-- explicitly, so a user row that refers to a shipped source still finds it
-- after a restore and a later version can add shipped rows without taking
-- ids users already hold.
--
-- Dates are half-open periods: period_start is the first day covered and
-- period_end the first day after it, so period_end - period_start is the
-- length in days (as the buckets of losses_by_period are).
--
-- Verbatim phrases are kept in ASCII: the article's typographic apostrophes
-- and quotation marks are written as ' and ".
------------------------------------------------------------------------------

CREATE TABLE conflict_stats.sources (
	source_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.sources_source_id_seq START WITH 10000)
				PRIMARY KEY,
	publisher	text NOT NULL CHECK (publisher <> ''),
	title		text CHECK (title <> ''),
	author		text CHECK (author <> ''),
	published	date,
	kind		text NOT NULL CHECK (kind IN ('news article', 'official statement',
											  'official data', 'research report',
											  'dataset', 'other')),
	url			text CHECK (url <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT sources_builtin_check CHECK (builtin = (source_id < 10000))
);

COMMENT ON TABLE conflict_stats.sources IS 'Publications that state casualty and loss figures: one row per article, report or data set';
COMMENT ON COLUMN conflict_stats.sources.source_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.sources_source_id_seq IS 'Identity sequence of sources.source_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.sources.publisher IS 'Who published it (outlet, ministry, institute)';
COMMENT ON COLUMN conflict_stats.sources.title IS 'Title or headline as published; NULL when not known';
COMMENT ON COLUMN conflict_stats.sources.author IS 'Author or reporter, as credited';
COMMENT ON COLUMN conflict_stats.sources.published IS 'Date of publication';
COMMENT ON COLUMN conflict_stats.sources.kind IS 'What it is: news article, official statement, official data, research report, dataset or other';
COMMENT ON COLUMN conflict_stats.sources.url IS 'Where it can be read; NULL when not recorded';
COMMENT ON COLUMN conflict_stats.sources.note IS 'Context and interpretation that the publication itself does not state';
COMMENT ON COLUMN conflict_stats.sources.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

CREATE TABLE conflict_stats.figures (
	figure_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.figures_figure_id_seq START WITH 10000)
				PRIMARY KEY,
	source_id	bigint NOT NULL REFERENCES conflict_stats.sources (source_id),
	party		text NOT NULL CHECK (party <> ''),
	quantity	text NOT NULL CHECK (quantity <> ''),
	category	text CHECK (category <> ''),
	unit		text NOT NULL CHECK (unit <> ''),
	value		conflict_stats.estimate NOT NULL,
	as_of		date NOT NULL,
	period_start date,
	period_end	date,
	speaker_role text CHECK (speaker_role <> ''),
	quote		text CHECK (quote <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT figures_period_check CHECK (period_start < period_end),
	CONSTRAINT figures_builtin_check CHECK (builtin = (figure_id < 10000))
);

CREATE INDEX figures_source_id_idx ON conflict_stats.figures (source_id);

COMMENT ON TABLE conflict_stats.figures IS 'Figures as sources state them: what was counted, for whom, in which category and unit, the value with its stated qualifier, the date or period it covers and who said it';
COMMENT ON COLUMN conflict_stats.figures.figure_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.figures_figure_id_seq IS 'Identity sequence of figures.figure_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.figures.source_id IS 'The publication that states the figure';
COMMENT ON COLUMN conflict_stats.figures.party IS 'The side or actor the figure is about (e.g. Russia)';
COMMENT ON COLUMN conflict_stats.figures.quantity IS 'What is counted (e.g. casualties, tanks)';
COMMENT ON COLUMN conflict_stats.figures.category IS 'The definition the count uses (e.g. killed and wounded; damaged or destroyed); NULL when the source gives none';
COMMENT ON COLUMN conflict_stats.figures.unit IS 'Unit of the value (e.g. people, vessels, years)';
COMMENT ON COLUMN conflict_stats.figures.value IS 'The value as stated, with its qualifier: "more than 600,000" is >600000';
COMMENT ON COLUMN conflict_stats.figures.as_of IS 'Date at which the figure is stated to hold';
COMMENT ON COLUMN conflict_stats.figures.period_start IS 'First day of the period the figure covers (for a cumulative total, the day counting began); NULL when none is implied';
COMMENT ON COLUMN conflict_stats.figures.period_end IS 'First day after the period the figure covers (half-open, so period_end - period_start is its length in days); NULL when none is implied';
COMMENT ON COLUMN conflict_stats.figures.speaker_role IS 'Who is quoted, as the source describes them (e.g. senior U.S. defense official); NULL for the author''s own statement';
COMMENT ON COLUMN conflict_stats.figures.quote IS 'The short verbatim phrase the figure comes from (typographic quotes written in ASCII)';
COMMENT ON COLUMN conflict_stats.figures.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.figures.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

CREATE TABLE conflict_stats.claims (
	claim_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.claims_claim_id_seq START WITH 10000)
				PRIMARY KEY,
	source_id	bigint NOT NULL REFERENCES conflict_stats.sources (source_id),
	kind		text NOT NULL CHECK (kind IN ('assessment', 'event', 'expectation')),
	topic		text NOT NULL CHECK (topic <> ''),
	party		text CHECK (party <> ''),
	statement	text NOT NULL CHECK (statement <> ''),
	stated_on	date,
	period_start date,
	period_end	date,
	speaker_role text CHECK (speaker_role <> ''),
	quote		text CHECK (quote <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT claims_period_check CHECK (period_start < period_end),
	CONSTRAINT claims_builtin_check CHECK (builtin = (claim_id < 10000))
);

CREATE INDEX claims_source_id_idx ON conflict_stats.claims (source_id);

COMMENT ON TABLE conflict_stats.claims IS 'Qualitative and dated claims of sources (a deadliest month, an advance, an expected event) with who made them and the date or period they concern';
COMMENT ON COLUMN conflict_stats.claims.claim_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.claims_claim_id_seq IS 'Identity sequence of claims.claim_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.claims.source_id IS 'The publication that reports the claim';
COMMENT ON COLUMN conflict_stats.claims.kind IS 'assessment (a judgement of the past or present), event (something done or dated) or expectation (about the future)';
COMMENT ON COLUMN conflict_stats.claims.topic IS 'Subject (e.g. casualties, territory, equipment, recruitment, diplomacy)';
COMMENT ON COLUMN conflict_stats.claims.party IS 'The side or actor the claim is about; NULL when it concerns none in particular';
COMMENT ON COLUMN conflict_stats.claims.statement IS 'The claim in plain words';
COMMENT ON COLUMN conflict_stats.claims.stated_on IS 'Date the claim was made; NULL when the source does not date it';
COMMENT ON COLUMN conflict_stats.claims.period_start IS 'First day of the period or day the claim concerns; NULL when none is given';
COMMENT ON COLUMN conflict_stats.claims.period_end IS 'First day after the period the claim concerns (half-open: a single day d is d to d + 1); NULL when none is given';
COMMENT ON COLUMN conflict_stats.claims.speaker_role IS 'Who made the claim, as the source describes them; NULL for the author''s own statement';
COMMENT ON COLUMN conflict_stats.claims.quote IS 'The short verbatim phrase the claim comes from (typographic quotes written in ASCII)';
COMMENT ON COLUMN conflict_stats.claims.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.claims.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

-- figures with standard column types only, for tools that do not know estimate
CREATE VIEW conflict_stats.figures_flat AS
SELECT f.figure_id,
	   f.source_id,
	   s.publisher,
	   s.title,
	   s.author,
	   s.published,
	   f.party,
	   f.quantity,
	   f.category,
	   f.unit,
	   f.value::text AS value_text,
	   conflict_stats.to_numeric(conflict_stats.best(f.value)) AS best,
	   conflict_stats.to_numeric(conflict_stats.low(f.value)) AS low,
	   conflict_stats.to_numeric(conflict_stats.high(f.value)) AS high,
	   conflict_stats.low_inclusive(f.value) AS low_inclusive,
	   conflict_stats.high_inclusive(f.value) AS high_inclusive,
	   conflict_stats.qualifier(f.value) AS qualifier,
	   conflict_stats.describe(f.value) AS described,
	   f.as_of,
	   f.period_start,
	   f.period_end,
	   f.speaker_role,
	   f.quote,
	   f.note,
	   f.builtin
  FROM conflict_stats.figures f
  JOIN conflict_stats.sources s USING (source_id);

COMMENT ON VIEW conflict_stats.figures_flat IS 'The figures joined with their sources, in standard column types only (numeric, text, date) for BI tools that do not know the estimate type';
COMMENT ON COLUMN conflict_stats.figures_flat.figure_id IS 'Identifier of the figure (figures.figure_id)';
COMMENT ON COLUMN conflict_stats.figures_flat.source_id IS 'Identifier of the source (sources.source_id)';
COMMENT ON COLUMN conflict_stats.figures_flat.publisher IS 'Who published the source';
COMMENT ON COLUMN conflict_stats.figures_flat.title IS 'Title of the source; NULL when not known';
COMMENT ON COLUMN conflict_stats.figures_flat.author IS 'Author of the source';
COMMENT ON COLUMN conflict_stats.figures_flat.published IS 'Date the source was published';
COMMENT ON COLUMN conflict_stats.figures_flat.party IS 'The side or actor the figure is about';
COMMENT ON COLUMN conflict_stats.figures_flat.quantity IS 'What is counted';
COMMENT ON COLUMN conflict_stats.figures_flat.category IS 'The definition the count uses';
COMMENT ON COLUMN conflict_stats.figures_flat.unit IS 'Unit of the value';
COMMENT ON COLUMN conflict_stats.figures_flat.value_text IS 'The value in the estimate type''s canonical text form (e.g. >600000)';
COMMENT ON COLUMN conflict_stats.figures_flat.best IS 'Best value, as the exact decimal of the stored double';
COMMENT ON COLUMN conflict_stats.figures_flat.low IS 'Lower bound, as the exact decimal of the stored double; NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.high IS 'Upper bound, as the exact decimal of the stored double; NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.low_inclusive IS 'Whether the lower bound is inclusive (at least) or exclusive (more than); NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.high_inclusive IS 'Whether the upper bound is inclusive (at most) or exclusive (fewer than); NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.qualifier IS 'exact, about, more than, at least, fewer than, at most or range';
COMMENT ON COLUMN conflict_stats.figures_flat.described IS 'The value in words for people (e.g. more than 600,000)';
COMMENT ON COLUMN conflict_stats.figures_flat.as_of IS 'Date at which the figure is stated to hold';
COMMENT ON COLUMN conflict_stats.figures_flat.period_start IS 'First day of the period the figure covers';
COMMENT ON COLUMN conflict_stats.figures_flat.period_end IS 'First day after the period the figure covers';
COMMENT ON COLUMN conflict_stats.figures_flat.speaker_role IS 'Who is quoted, as the source describes them';
COMMENT ON COLUMN conflict_stats.figures_flat.quote IS 'The short verbatim phrase the figure comes from';
COMMENT ON COLUMN conflict_stats.figures_flat.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.figures_flat.builtin IS 'True for rows shipped with the extension';

-- pg_dump keeps the rows users add and the sequences' positions; the shipped
-- rows come back with CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.sources', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.sources_source_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.figures', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.figures_figure_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.claims', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.claims_claim_id_seq', '');

-- Everyone reads (the sequences too, so any role can pg_dump them).  The
-- role that ran CREATE EXTENSION, the extension's owner, writes and may pass
-- that on: in a trusted extension this script runs as the bootstrap
-- superuser, who then owns the tables, so the owner gets explicit grants.
GRANT SELECT ON conflict_stats.sources, conflict_stats.figures,
	conflict_stats.claims, conflict_stats.figures_flat TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON conflict_stats.sources, conflict_stats.figures,
	conflict_stats.claims TO @extowner@ WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE conflict_stats.sources_source_id_seq,
	conflict_stats.figures_figure_id_seq, conflict_stats.claims_claim_id_seq
	TO PUBLIC;
-- UPDATE for the setval that restoring a dump runs
GRANT USAGE, UPDATE ON SEQUENCE conflict_stats.sources_source_id_seq,
	conflict_stats.figures_figure_id_seq, conflict_stats.claims_claim_id_seq
	TO @extowner@ WITH GRANT OPTION;

-- Source 1: Noah Robertson, Defense News, 9 October 2024 (seed/article.txt);
-- the text kept with the extension carries no headline and no address
INSERT INTO conflict_stats.sources
	(source_id, publisher, title, author, published, kind, url, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	(1, 'Defense News', NULL, 'Noah Robertson', '2024-10-09', 'news article', NULL,
	 'Report of a Pentagon call with reporters on Wednesday 9 October 2024, quoting a senior U.S. defense official and a senior U.S. military official. The author is the Pentagon reporter at Defense News. Headline and address are not recorded here.',
	 true);

-- Figures of source 1.  The war in its full-scale form began on 24 February
-- 2022; the article implies the date ("two and a half years on") but does
-- not state it.  Cumulative figures cover 24 Feb 2022 up to the briefing
-- of 9 Oct 2024: 958 days.
INSERT INTO conflict_stats.figures
	(figure_id, source_id, party, quantity, category, unit, value, as_of,
	 period_start, period_end, speaker_role, quote, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	-- first paragraph, attributed to "Pentagon officials"
	(1, 1, 'Russia', 'casualties', 'killed and wounded', 'people', '>600000', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'Pentagon officials',
	 'more than 600,000 casualties during the war in Ukraine',
	 'Cumulative since the invasion of 24 February 2022, a date the article implies but does not give. The category follows the official''s "again both killed and wounded in action". The article calls the figure "a sign of losses accelerating out of proportion with its gains".',
	 true),
	-- second-to-last paragraph on losses, "the defense official said"
	(2, 1, 'Russia', 'Black Sea Fleet vessels', 'damaged or destroyed', 'vessels', '32', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'senior U.S. defense official',
	 '32 vessels in its Black Sea naval fleet damaged or destroyed',
	 'Cumulative since the invasion of 24 February 2022, a date the article implies but does not give.',
	 true),
	-- same sentence
	(3, 1, 'Russia', 'tanks', 'damaged or destroyed', 'share of pre-war stock', '0.6666666666666666', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'senior U.S. defense official',
	 'two-thirds of its pre-war stock of tanks',
	 'Two-thirds, stored as the nearest double to 2/3; the article gives it with no qualifier. The tanks are listed "along with" the vessels "damaged or destroyed" and both are called "these losses"; the category is read from that sentence.',
	 true),
	-- fifth paragraph, the reporter's own words
	(4, 1, 'Russia', 'duration of the war', 'full-scale war against Ukraine', 'years', '2.5', '2024-10-09',
	 '2022-02-24', '2024-10-09', NULL,
	 'two and a half years on',
	 'The reporter''s words, with no qualifier. From 24 February 2022 to 9 October 2024 is 958 days, about 2.62 years.',
	 true);

-- Claims of source 1, in the order the article makes them
INSERT INTO conflict_stats.claims
	(claim_id, source_id, kind, topic, party, statement, stated_on, period_start, period_end,
	 speaker_role, quote, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	-- first paragraph
	(1, 1, 'assessment', 'casualties', 'Russia',
	 'Russian losses are accelerating out of proportion with Russia''s gains.',
	 '2024-10-09', NULL, NULL, 'Pentagon officials',
	 'a sign of losses accelerating out of proportion with its gains',
	 'The sign is the figure of more than 600,000 casualties.',
	 true),
	-- second paragraph
	(2, 1, 'assessment', 'territory', 'Russia',
	 'Since the summer Russia has continued to take territory in Ukraine''s eastern region of Donetsk.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Since the summer, Moscow has continued to take territory in Ukraine''s eastern region of Donetsk',
	 'The summer of 2024; the article gives no start date.',
	 true),
	(3, 1, 'assessment', 'territory', 'Russia',
	 'Russia is advancing steadily toward Pokrovsk, a city at the centre of several roads that carry people and equipment.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a steady advance toward Pokrovsk, a city at the center of multiple roads that help move people and equipment',
	 'Pokrovsk is in the Donetsk region.',
	 true),
	-- third paragraph
	(4, 1, 'assessment', 'casualties', 'Russia',
	 'Russia''s costs have mounted as it moves closer to Pokrovsk and hits thicker defensive lines.',
	 '2024-10-09', NULL, NULL, NULL,
	 'As Russia moves closer to the city, and hits thicker defensive lines, its costs have mounted.',
	 NULL,
	 true),
	(5, 1, 'assessment', 'casualties', 'Russia',
	 'September 2024 was Russia''s deadliest month of the war.',
	 '2024-10-09', '2024-09-01', '2024-10-01', 'senior U.S. defense official',
	 'This September was its deadliest month during the entire war',
	 'The article gives no number and does not say whether by total losses or by losses per day.',
	 true),
	(6, 1, 'event', 'briefing', 'United States',
	 'A senior U.S. defense official, joined by a senior U.S. military official, briefed reporters on a call on Wednesday 9 October 2024.',
	 '2024-10-09', '2024-10-09', '2024-10-10', NULL,
	 'a senior U.S. defense official told reporters on a call Wednesday',
	 'The article, published on 9 October 2024, says "Wednesday", which was that day.',
	 true),
	-- fourth paragraph
	(7, 1, 'assessment', 'casualties', 'Russia',
	 'Russian losses (killed and wounded) in the first year of the war exceeded all Soviet losses in every conflict since the Second World War combined.',
	 '2024-10-09', '2022-02-24', '2023-02-24', 'senior U.S. defense official',
	 'in just the first year of the war exceeded the total of all Soviet losses in any conflict since World War 2 combined',
	 'The quotation begins "Russian losses, again both killed and wounded in action". The first year is counted from 24 February 2022, which the article does not state.',
	 true),
	-- fifth paragraph
	(8, 1, 'assessment', 'endurance', 'Russia',
	 'Despite Western predictions to the contrary, Russia has sustained an all-out fight two and a half years into the war.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Russia has still been able to sustain an all-out fight two and a half years on',
	 NULL,
	 true),
	(9, 1, 'assessment', 'equipment', 'Russia',
	 'Russia has lost or had damaged scores of pieces of military equipment.',
	 '2024-10-09', NULL, NULL, NULL,
	 'scores of military equipment lost or damaged',
	 '"Scores" gives no number, so there is no figure for it.',
	 true),
	(10, 1, 'assessment', 'budget', 'Russia',
	 'Chunks of the Russian government budget have been redirected toward defense.',
	 '2024-10-09', NULL, NULL, NULL,
	 'chunks of the government budget redirected toward defense',
	 NULL,
	 true),
	(11, 1, 'assessment', 'recruitment', 'Russia',
	 'Russia has relied on a smaller mobilization of troops.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a smaller mobilization of troops',
	 NULL,
	 true),
	-- sixth paragraph
	(12, 1, 'assessment', 'recruitment', 'Russia',
	 'The smaller mobilization is strategically important, because forcing a larger draft would be politically unpopular for the Kremlin.',
	 '2024-10-09', NULL, NULL, 'senior U.S. defense official',
	 'how politically unpopular it would be for the Kremlin to force a larger draft',
	 NULL,
	 true),
	(13, 1, 'assessment', 'recruitment', 'Russia',
	 'So far Russia has recruited more soldiers mostly through higher pensions and pay.',
	 '2024-10-09', NULL, NULL, NULL,
	 'recruit more soldiers mostly through higher pensions and pay',
	 'Follows a sentence attributed to the defense official; the article does not attribute this one.',
	 true),
	(14, 1, 'expectation', 'recruitment', 'Russia',
	 'The growing losses along the front may challenge recruitment through pensions and pay.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The growing losses along the front may challenge that approach.',
	 NULL,
	 true),
	-- seventh paragraph
	(15, 1, 'assessment', 'casualties', 'Ukraine',
	 'Ukraine is also taking huge losses; the rising Russian toll does not point to a Ukrainian victory.',
	 '2024-10-09', NULL, NULL, NULL,
	 'the rising body count doesn''t augur a victory for Ukraine, which is also taking huge losses',
	 NULL,
	 true),
	(16, 1, 'expectation', 'territory', 'Russia',
	 'The Pentagon expects Russia to keep making incremental gains along the front, using its advantage in numbers to cut through otherwise firm defenses.',
	 '2024-10-09', NULL, NULL, 'senior U.S. military official',
	 'the Pentagon expects Russia will continue making "incremental gains" along the front',
	 NULL,
	 true),
	-- eighth paragraph
	(17, 1, 'expectation', 'casualties', 'Russia',
	 'Russian losses will stay high, as Russia keeps throwing mass at the problem.',
	 '2024-10-09', NULL, NULL, 'senior U.S. military official',
	 'I think we''ll continue to see high losses',
	 'The whole quotation: "It''s kind of the Russian way of war where they continue to throw mass into the into the problem, and I think we''ll continue to see high losses" (the repeated "into the" is the article''s).',
	 true),
	-- ninth and tenth paragraphs
	(18, 1, 'expectation', 'foreign support', 'North Korea',
	 'North Korea will likely send troops to fight alongside Russia.',
	 NULL, NULL, NULL, 'South Korea''s defense minister',
	 'North Korea will likely send troops to fight alongside Russia',
	 'Warned "this week", the week of the article (published Wednesday 9 October 2024); the article gives no day.',
	 true),
	(19, 1, 'assessment', 'foreign support', 'North Korea',
	 'North Korea has donated a bevy of military equipment to Russia.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a bevy of military equipment Pyongyang has also donated',
	 NULL,
	 true),
	(20, 1, 'event', 'foreign support', 'North Korea',
	 'The U.S. defense official would not comment on whether North Korea will send troops.',
	 '2024-10-09', NULL, NULL, 'senior U.S. defense official',
	 'wouldn''t comment on multiple questions about whether that will occur',
	 NULL,
	 true),
	-- eleventh paragraph
	(21, 1, 'assessment', 'equipment', 'Russia',
	 'The losses have forced the Kremlin to retrofit and deploy Soviet-era military equipment from its warehouses.',
	 '2024-10-09', NULL, NULL, NULL,
	 'dredge through warehouses of Soviet-era military equipment to retrofit and then deploy',
	 'Follows the defense official''s figures on vessels and tanks; the article does not attribute this sentence.',
	 true),
	-- twelfth paragraph
	(22, 1, 'event', 'diplomacy', 'United States',
	 'President Joe Biden had planned to host a forum of world leaders supporting Ukraine in Ramstein, Germany, that week.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Biden had planned to host a forum of world leaders supporting Ukraine in Ramstein, Germany',
	 '"This week", the week of the article (published Wednesday 9 October 2024); the article gives no day. Ramstein is where the Pentagon often gathers a similar group of defense officials.',
	 true),
	(23, 1, 'event', 'diplomacy', 'United States',
	 'The Ramstein meeting was cancelled because of preparations for Hurricane Milton.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The plans were canceled due to preparations for Hurricane Milton',
	 NULL,
	 true),
	(24, 1, 'expectation', 'weather', 'United States',
	 'Hurricane Milton was expected to make landfall in Tampa on Wednesday 9 October 2024.',
	 '2024-10-09', '2024-10-09', '2024-10-10', NULL,
	 'Hurricane Milton, set to make landfall in Tampa Wednesday',
	 '"Wednesday" is the day of the briefing, 9 October 2024.',
	 true),
	(25, 1, 'event', 'diplomacy', 'United States',
	 'The White House had not announced a makeup date for the cancelled meeting.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The White House has not yet announced a makeup date.',
	 NULL,
	 true);
