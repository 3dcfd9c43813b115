-- heads: 0001_04, 0002_02, 0003_public_ids, 0004_public_ids, 0005_public_ids, 0006_public_ids

-- index ix_activity_book_member on activity_book
CREATE INDEX ix_activity_book_member ON activity_book (branch_id, member_id);

-- index ix_activity_book_public_id on activity_book
CREATE UNIQUE INDEX ix_activity_book_public_id ON activity_book (public_id);

-- index ix_activity_book_year on activity_book
CREATE INDEX ix_activity_book_year ON activity_book (branch_id, year, serial);

-- index ix_audit_log_at on audit_log
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- index ix_audit_log_branch_id on audit_log
CREATE INDEX ix_audit_log_branch_id ON audit_log (branch_id);

-- index ix_audit_log_login on audit_log
CREATE INDEX ix_audit_log_login ON audit_log (login);

-- index ix_audit_log_public_id on audit_log
CREATE UNIQUE INDEX ix_audit_log_public_id ON audit_log (public_id);

-- index ix_branch_public_id on branch
CREATE UNIQUE INDEX ix_branch_public_id ON branch (public_id);

-- index ix_dues_allocation_member_month on dues_allocation
CREATE INDEX ix_dues_allocation_member_month ON dues_allocation (branch_id, member_id, month, amount_fen);

-- index ix_dues_allocation_month on dues_allocation
CREATE INDEX ix_dues_allocation_month ON dues_allocation (branch_id, month, member_id, amount_fen);

-- index ix_dues_allocation_payment_id on dues_allocation
CREATE INDEX ix_dues_allocation_payment_id ON dues_allocation (payment_id);

-- index ix_dues_allocation_public_id on dues_allocation
CREATE UNIQUE INDEX ix_dues_allocation_public_id ON dues_allocation (public_id);

-- index ix_dues_handup_branch_id on dues_handup
CREATE INDEX ix_dues_handup_branch_id ON dues_handup (branch_id);

-- index ix_dues_handup_public_id on dues_handup
CREATE UNIQUE INDEX ix_dues_handup_public_id ON dues_handup (public_id);

-- index ix_dues_opening_note_public_id on dues_opening_note
CREATE UNIQUE INDEX ix_dues_opening_note_public_id ON dues_opening_note (public_id);

-- index ix_dues_payment_member on dues_payment
CREATE INDEX ix_dues_payment_member ON dues_payment (branch_id, member_id);

-- index ix_dues_payment_paid_on on dues_payment
CREATE INDEX ix_dues_payment_paid_on ON dues_payment (branch_id, paid_on);

-- index ix_dues_payment_public_id on dues_payment
CREATE UNIQUE INDEX ix_dues_payment_public_id ON dues_payment (public_id);

-- index ix_dues_receipt_public_id on dues_receipt
CREATE UNIQUE INDEX ix_dues_receipt_public_id ON dues_receipt (public_id);

-- index ix_dues_standard_member_month on dues_standard
CREATE INDEX ix_dues_standard_member_month ON dues_standard (branch_id, member_id, from_month);

-- index ix_dues_standard_public_id on dues_standard
CREATE UNIQUE INDEX ix_dues_standard_public_id ON dues_standard (public_id);

-- index ix_exchange_key_public_id on exchange_key
CREATE UNIQUE INDEX ix_exchange_key_public_id ON exchange_key (public_id);

-- index ix_exchange_received_public_id on exchange_received
CREATE UNIQUE INDEX ix_exchange_received_public_id ON exchange_received (public_id);

-- index ix_exchange_sent_public_id on exchange_sent
CREATE UNIQUE INDEX ix_exchange_sent_public_id ON exchange_sent (public_id);

-- index ix_flowing_contact_member on flowing_contact
CREATE INDEX ix_flowing_contact_member ON flowing_contact (branch_id, member_id, date);

-- index ix_flowing_contact_public_id on flowing_contact
CREATE UNIQUE INDEX ix_flowing_contact_public_id ON flowing_contact (public_id);

-- index ix_flowing_opinion_member on flowing_opinion
CREATE INDEX ix_flowing_opinion_member ON flowing_opinion (branch_id, member_id, date);

-- index ix_flowing_opinion_public_id on flowing_opinion
CREATE UNIQUE INDEX ix_flowing_opinion_public_id ON flowing_opinion (public_id);

-- index ix_flowing_org_life_member on flowing_org_life
CREATE INDEX ix_flowing_org_life_member ON flowing_org_life (branch_id, member_id, date);

-- index ix_flowing_org_life_public_id on flowing_org_life
CREATE UNIQUE INDEX ix_flowing_org_life_public_id ON flowing_org_life (public_id);

-- index ix_flowing_stay_member on flowing_stay
CREATE INDEX ix_flowing_stay_member ON flowing_stay (branch_id, member_id, return_date);

-- index ix_flowing_stay_public_id on flowing_stay
CREATE UNIQUE INDEX ix_flowing_stay_public_id ON flowing_stay (public_id);

-- index ix_matter_branch_status on matter
CREATE INDEX ix_matter_branch_status ON matter (branch_id, status);

-- index ix_matter_public_id on matter
CREATE UNIQUE INDEX ix_matter_public_id ON matter (public_id);

-- index ix_matter_step_public_id on matter_step
CREATE UNIQUE INDEX ix_matter_step_public_id ON matter_step (public_id);

-- index ix_meeting_attendance_member_id on meeting_attendance
CREATE INDEX ix_meeting_attendance_member_id ON meeting_attendance (member_id);

-- index ix_meeting_attendance_public_id on meeting_attendance
CREATE UNIQUE INDEX ix_meeting_attendance_public_id ON meeting_attendance (public_id);

-- index ix_meeting_branch_held_on on meeting
CREATE INDEX ix_meeting_branch_held_on ON meeting (branch_id, held_on);

-- index ix_meeting_public_id on meeting
CREATE UNIQUE INDEX ix_meeting_public_id ON meeting (public_id);

-- index ix_member_branch_status on member
CREATE INDEX ix_member_branch_status ON member (branch_id, status);

-- index ix_member_evaluation_member_id on member_evaluation
CREATE INDEX ix_member_evaluation_member_id ON member_evaluation (member_id);

-- index ix_member_evaluation_public_id on member_evaluation
CREATE UNIQUE INDEX ix_member_evaluation_public_id ON member_evaluation (public_id);

-- index ix_member_event_member_id on member_event
CREATE INDEX ix_member_event_member_id ON member_event (member_id);

-- index ix_member_event_public_id on member_event
CREATE UNIQUE INDEX ix_member_event_public_id ON member_event (public_id);

-- index ix_member_public_id on member
CREATE UNIQUE INDEX ix_member_public_id ON member (public_id);

-- index ix_notice_branch_status on notice
CREATE INDEX ix_notice_branch_status ON notice (branch_id, status);

-- index ix_notice_matter_id on notice
CREATE INDEX ix_notice_matter_id ON notice (matter_id);

-- index ix_notice_public_id on notice
CREATE UNIQUE INDEX ix_notice_public_id ON notice (public_id);

-- index ix_post_assignment_branch_term on post_assignment
CREATE INDEX ix_post_assignment_branch_term ON post_assignment (branch_id, term_id);

-- index ix_post_assignment_member_id on post_assignment
CREATE INDEX ix_post_assignment_member_id ON post_assignment (member_id);

-- index ix_post_assignment_public_id on post_assignment
CREATE UNIQUE INDEX ix_post_assignment_public_id ON post_assignment (public_id);

-- index ix_post_evaluation_public_id on post_evaluation
CREATE UNIQUE INDEX ix_post_evaluation_public_id ON post_evaluation (public_id);

-- index ix_post_public_id on post
CREATE UNIQUE INDEX ix_post_public_id ON post (public_id);

-- index ix_post_record_assignment_id on post_record
CREATE INDEX ix_post_record_assignment_id ON post_record (assignment_id);

-- index ix_post_record_public_id on post_record
CREATE UNIQUE INDEX ix_post_record_public_id ON post_record (public_id);

-- index ix_post_term_public_id on post_term
CREATE UNIQUE INDEX ix_post_term_public_id ON post_term (public_id);

-- index ix_setting_public_id on setting
CREATE UNIQUE INDEX ix_setting_public_id ON setting (public_id);

-- index ix_township_decision_public_id on township_decision
CREATE UNIQUE INDEX ix_township_decision_public_id ON township_decision (public_id);

-- index uq_dues_allocation_paid on dues_allocation
CREATE UNIQUE INDEX uq_dues_allocation_paid ON dues_allocation (branch_id, member_id, month, generation) WHERE amount_fen > 0;

-- index uq_dues_allocation_reversed on dues_allocation
CREATE UNIQUE INDEX uq_dues_allocation_reversed ON dues_allocation (branch_id, member_id, month, generation) WHERE amount_fen < 0;

-- table activity_book on activity_book
CREATE TABLE activity_book (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	stay_id INTEGER NOT NULL
	year INTEGER NOT NULL
	serial INTEGER NOT NULL
	number VARCHAR(20) NOT NULL
	official_number VARCHAR(50) NOT NULL
	issue_date DATE NOT NULL
	status VARCHAR(10) NOT NULL
	status_date DATE
	void_reason TEXT NOT NULL
	replaced_by_id INTEGER
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_activity_book_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_activity_book_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_activity_book_replaced_by_id_activity_book FOREIGN KEY(replaced_by_id) REFERENCES activity_book (id)
	CONSTRAINT fk_activity_book_stay_id_flowing_stay FOREIGN KEY(stay_id) REFERENCES flowing_stay (id)
	CONSTRAINT pk_activity_book PRIMARY KEY (id)
	CONSTRAINT uq_activity_book_branch_id UNIQUE (branch_id, number)
);

-- table alembic_version on alembic_version
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- table audit_log on audit_log
CREATE TABLE audit_log (
	id INTEGER NOT NULL
	branch_id INTEGER
	at DATETIME NOT NULL
	user VARCHAR(100) NOT NULL
	table_name VARCHAR(50) NOT NULL
	record_id INTEGER
	action VARCHAR(20) NOT NULL
	summary TEXT NOT NULL
	"before" TEXT
	"after" TEXT, login VARCHAR(63) DEFAULT '' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_audit_log_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

-- table branch on branch
CREATE TABLE "branch" (
	id INTEGER NOT NULL
	name VARCHAR(100) NOT NULL
	township VARCHAR(100) NOT NULL
	county VARCHAR(100) NOT NULL
	secretary VARCHAR(50) NOT NULL
	phone VARCHAR(30) NOT NULL
	supervision_phone VARCHAR(30) NOT NULL
	created_at DATETIME NOT NULL
	code VARCHAR(20), version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT pk_branch PRIMARY KEY (id)
	CONSTRAINT uq_branch_code UNIQUE (code)
);

-- table dues_allocation on dues_allocation
CREATE TABLE dues_allocation (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	payment_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	month INTEGER NOT NULL
	amount_fen INTEGER NOT NULL, generation INTEGER DEFAULT '0' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_allocation_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_allocation_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_dues_allocation_payment_id_dues_payment FOREIGN KEY(payment_id) REFERENCES dues_payment (id)
	CONSTRAINT pk_dues_allocation PRIMARY KEY (id)
);

-- table dues_handup on dues_handup
CREATE TABLE dues_handup (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	handed_on DATE NOT NULL
	amount_fen INTEGER NOT NULL
	to_central BOOLEAN NOT NULL
	receiver VARCHAR(100) NOT NULL
	receipt_number VARCHAR(50) NOT NULL
	first_month INTEGER
	last_month INTEGER
	note TEXT NOT NULL
	reverses_id INTEGER
	reason TEXT NOT NULL
	created_at DATETIME NOT NULL
	created_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_handup_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_handup_reverses_id_dues_handup FOREIGN KEY(reverses_id) REFERENCES dues_handup (id)
	CONSTRAINT pk_dues_handup PRIMARY KEY (id)
	CONSTRAINT uq_dues_handup_reverses_id UNIQUE (reverses_id)
);

-- table dues_opening_note on dues_opening_note
CREATE TABLE dues_opening_note (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	note TEXT NOT NULL
	updated_at DATETIME NOT NULL
	updated_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_opening_note_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_opening_note_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_dues_opening_note PRIMARY KEY (id)
	CONSTRAINT uq_dues_opening_note_branch_id UNIQUE (branch_id, member_id)
);

-- table dues_payment on dues_payment
CREATE TABLE dues_payment (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	kind VARCHAR(10) NOT NULL
	paid_on DATE NOT NULL
	amount_fen INTEGER NOT NULL
	extra_fen INTEGER NOT NULL
	to_central BOOLEAN NOT NULL
	first_month INTEGER
	last_month INTEGER
	method VARCHAR(20) NOT NULL
	collector VARCHAR(50) NOT NULL
	paid_where VARCHAR(200) NOT NULL
	reason TEXT NOT NULL
	reverses_id INTEGER
	created_at DATETIME NOT NULL
	created_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_payment_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_payment_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_dues_payment_reverses_id_dues_payment FOREIGN KEY(reverses_id) REFERENCES dues_payment (id)
	CONSTRAINT pk_dues_payment PRIMARY KEY (id)
	CONSTRAINT uq_dues_payment_reverses_id UNIQUE (reverses_id)
);

-- table dues_receipt on dues_receipt
CREATE TABLE dues_receipt (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	payment_id INTEGER NOT NULL
	year INTEGER NOT NULL
	serial INTEGER NOT NULL
	issued_on DATE NOT NULL
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_receipt_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_receipt_payment_id_dues_payment FOREIGN KEY(payment_id) REFERENCES dues_payment (id)
	CONSTRAINT pk_dues_receipt PRIMARY KEY (id)
	CONSTRAINT uq_dues_receipt_branch_id UNIQUE (branch_id, year, serial)
	CONSTRAINT uq_dues_receipt_payment_id UNIQUE (payment_id)
);

-- table dues_standard on dues_standard
CREATE TABLE dues_standard (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	year INTEGER NOT NULL
	from_month INTEGER NOT NULL
	category VARCHAR(20) NOT NULL
	income_fen INTEGER
	rate VARCHAR(12) NOT NULL
	amount_fen INTEGER NOT NULL
	capped BOOLEAN NOT NULL
	rules VARCHAR(40) NOT NULL
	declared_on DATE NOT NULL
	note TEXT NOT NULL
	active BOOLEAN NOT NULL
	created_at DATETIME NOT NULL
	created_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_dues_standard_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_dues_standard_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_dues_standard PRIMARY KEY (id)
);

-- table exchange_key on exchange_key
CREATE TABLE exchange_key (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	secret VARCHAR(64) NOT NULL
	made_at DATETIME NOT NULL
	made_by VARCHAR(100) NOT NULL
	replaced_at DATETIME
	public_id VARCHAR(36)
	CONSTRAINT fk_exchange_key_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_exchange_key PRIMARY KEY (id)
);

-- table exchange_received on exchange_received
CREATE TABLE exchange_received (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	kind VARCHAR(20) NOT NULL
	sequence INTEGER NOT NULL
	digest VARCHAR(64) NOT NULL
	made_at DATETIME NOT NULL
	imported_at DATETIME NOT NULL
	imported_by VARCHAR(100) NOT NULL
	changes TEXT NOT NULL
	public_id VARCHAR(36)
	CONSTRAINT fk_exchange_received_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_exchange_received PRIMARY KEY (id)
	CONSTRAINT uq_exchange_received_branch_id UNIQUE (branch_id, kind, sequence)
);

-- table exchange_sent on exchange_sent
CREATE TABLE exchange_sent (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	sequence INTEGER NOT NULL
	made_at DATETIME NOT NULL
	made_by VARCHAR(100) NOT NULL
	file_name VARCHAR(255) NOT NULL
	counts TEXT NOT NULL
	accepted_at DATETIME
	public_id VARCHAR(36)
	CONSTRAINT fk_exchange_sent_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_exchange_sent PRIMARY KEY (id)
	CONSTRAINT uq_exchange_sent_branch_id UNIQUE (branch_id, sequence)
);

-- table flowing_contact on flowing_contact
CREATE TABLE flowing_contact (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	stay_id INTEGER NOT NULL
	date DATE NOT NULL
	means VARCHAR(50) NOT NULL
	content TEXT NOT NULL
	contacted_by VARCHAR(50) NOT NULL
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_flowing_contact_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_flowing_contact_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_flowing_contact_stay_id_flowing_stay FOREIGN KEY(stay_id) REFERENCES flowing_stay (id)
	CONSTRAINT pk_flowing_contact PRIMARY KEY (id)
);

-- table flowing_opinion on flowing_opinion
CREATE TABLE flowing_opinion (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	stay_id INTEGER NOT NULL
	kind VARCHAR(30) NOT NULL
	date DATE NOT NULL
	year INTEGER
	grade VARCHAR(20) NOT NULL
	text TEXT NOT NULL
	signed_by VARCHAR(50) NOT NULL
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_flowing_opinion_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_flowing_opinion_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_flowing_opinion_stay_id_flowing_stay FOREIGN KEY(stay_id) REFERENCES flowing_stay (id)
	CONSTRAINT pk_flowing_opinion PRIMARY KEY (id)
);

-- table flowing_org_life on flowing_org_life
CREATE TABLE flowing_org_life (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	stay_id INTEGER NOT NULL
	date DATE NOT NULL
	org VARCHAR(100) NOT NULL
	kind VARCHAR(50) NOT NULL
	content TEXT NOT NULL
	certified_by VARCHAR(50) NOT NULL
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_flowing_org_life_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_flowing_org_life_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_flowing_org_life_stay_id_flowing_stay FOREIGN KEY(stay_id) REFERENCES flowing_stay (id)
	CONSTRAINT pk_flowing_org_life PRIMARY KEY (id)
);

-- table flowing_stay on flowing_stay
CREATE TABLE flowing_stay (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	since DATE NOT NULL
	expected_return DATE
	reason VARCHAR(50) NOT NULL
	province VARCHAR(30) NOT NULL
	city VARCHAR(30) NOT NULL
	county VARCHAR(30) NOT NULL
	workplace VARCHAR(200) NOT NULL
	address VARCHAR(200) NOT NULL
	occupation VARCHAR(100) NOT NULL
	phone VARCHAR(30) NOT NULL
	other_contact VARCHAR(100) NOT NULL
	receiving_org VARCHAR(100) NOT NULL
	receiving_contact VARCHAR(50) NOT NULL
	receiving_phone VARCHAR(30) NOT NULL
	receiving_since DATE
	home_contact VARCHAR(50) NOT NULL
	home_contact_phone VARCHAR(30) NOT NULL
	return_date DATE
	return_note TEXT NOT NULL
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_flowing_stay_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_flowing_stay_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_flowing_stay PRIMARY KEY (id)
);

-- table matter on matter
CREATE TABLE matter (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	title VARCHAR(200) NOT NULL
	content TEXT NOT NULL
	status VARCHAR(20) NOT NULL
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL
	created_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_matter_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_matter PRIMARY KEY (id)
);

-- table matter_step on matter_step
CREATE TABLE "matter_step" (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	matter_id INTEGER NOT NULL
	step VARCHAR(30) NOT NULL
	position INTEGER NOT NULL
	held_on DATE NOT NULL
	expected INTEGER
	present INTEGER
	votes_for INTEGER
	votes_against INTEGER
	votes_abstain INTEGER
	quorum_met BOOLEAN NOT NULL
	passed BOOLEAN NOT NULL
	outcome VARCHAR(50) NOT NULL
	text TEXT NOT NULL
	notice_id INTEGER
	recorded_at DATETIME NOT NULL
	recorded_by VARCHAR(100) NOT NULL
	reason TEXT DEFAULT '' NOT NULL
	meeting_id INTEGER, public_id VARCHAR(36)
	CONSTRAINT fk_matter_step_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_matter_step_matter_id_matter FOREIGN KEY(matter_id) REFERENCES matter (id)
	CONSTRAINT fk_matter_step_notice_id_notice FOREIGN KEY(notice_id) REFERENCES notice (id)
	CONSTRAINT pk_matter_step PRIMARY KEY (id)
	CONSTRAINT uq_matter_step_matter_id_position UNIQUE (matter_id, position)
);

-- table meeting on meeting
CREATE TABLE meeting (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	kind VARCHAR(20) NOT NULL
	held_on DATE NOT NULL
	start_time TIME
	party_group VARCHAR(50) NOT NULL
	place VARCHAR(100) NOT NULL
	topic VARCHAR(200) NOT NULL
	presenter VARCHAR(50) NOT NULL
	recorder VARCHAR(50) NOT NULL
	minutes TEXT NOT NULL
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL
	recorded_by VARCHAR(100) NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_meeting_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_meeting PRIMARY KEY (id)
);

-- table meeting_attendance on meeting_attendance
CREATE TABLE meeting_attendance (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	meeting_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	status VARCHAR(10) NOT NULL
	reason VARCHAR(10) NOT NULL
	note VARCHAR(200) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_meeting_attendance_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_meeting_attendance_meeting_id_meeting FOREIGN KEY(meeting_id) REFERENCES meeting (id)
	CONSTRAINT fk_meeting_attendance_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_meeting_attendance PRIMARY KEY (id)
	CONSTRAINT uq_meeting_attendance_meeting_id UNIQUE (meeting_id, member_id)
);

-- table member on member
CREATE TABLE "member" (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	name VARCHAR(50) NOT NULL
	sex VARCHAR(10) NOT NULL
	ethnicity VARCHAR(20) NOT NULL
	birth_date DATE
	birth_date_precision VARCHAR(5)
	id_number VARCHAR(18) NOT NULL
	education VARCHAR(20) NOT NULL
	category VARCHAR(20) NOT NULL
	joined_date DATE
	joined_date_precision VARCHAR(5)
	full_member_date DATE
	full_member_date_precision VARCHAR(5)
	party_group VARCHAR(50) NOT NULL
	office VARCHAR(100) NOT NULL
	dues_category VARCHAR(20) NOT NULL
	occupation VARCHAR(100) NOT NULL
	phone VARCHAR(30) NOT NULL
	address VARCHAR(200) NOT NULL
	flowing BOOLEAN NOT NULL
	away_place VARCHAR(200) NOT NULL
	holds_activity_book BOOLEAN NOT NULL
	notes TEXT NOT NULL
	status VARCHAR(20) NOT NULL
	status_date DATE
	status_reason TEXT NOT NULL
	search_key TEXT NOT NULL
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_member_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_member PRIMARY KEY (id)
	CONSTRAINT uq_member_branch_id UNIQUE (branch_id, id_number)
);

-- table member_evaluation on member_evaluation
CREATE TABLE member_evaluation (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	year INTEGER NOT NULL
	member_id INTEGER NOT NULL
	self_assessment TEXT NOT NULL
	votes TEXT NOT NULL
	grade VARCHAR(20) NOT NULL
	updated_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_member_evaluation_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_member_evaluation_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_member_evaluation PRIMARY KEY (id)
	CONSTRAINT uq_member_evaluation_branch_id UNIQUE (branch_id, year, member_id)
);

-- table member_event on member_event
CREATE TABLE member_event (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	kind VARCHAR(20) NOT NULL
	status_before VARCHAR(20) NOT NULL
	status_after VARCHAR(20) NOT NULL
	event_date DATE
	reason TEXT NOT NULL
	recorded_at DATETIME NOT NULL
	recorded_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_member_event_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_member_event_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT pk_member_event PRIMARY KEY (id)
);

-- table notice on notice
CREATE TABLE notice (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	status VARCHAR(20) NOT NULL
	type VARCHAR(20) NOT NULL
	year INTEGER
	sequence INTEGER
	number VARCHAR(50) NOT NULL
	title VARCHAR(200) NOT NULL
	addressee VARCHAR(100) NOT NULL
	body TEXT NOT NULL
	issuer VARCHAR(100) NOT NULL
	issued_on DATE NOT NULL
	period_from DATE NOT NULL
	period_to DATE NOT NULL
	period_days INTEGER NOT NULL
	working_days BOOLEAN NOT NULL
	place VARCHAR(100) NOT NULL
	qr_mode VARCHAR(10) NOT NULL
	qr_link VARCHAR(500) NOT NULL
	posted_on DATE
	taken_down_on DATE
	refers_to INTEGER
	relation VARCHAR(20) NOT NULL
	matter_id INTEGER
	frozen_content TEXT NOT NULL
	content_hash VARCHAR(64) NOT NULL
	check_code VARCHAR(16) NOT NULL
	qr_mask INTEGER
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL
	published_at DATETIME
	created_by VARCHAR(100) NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_notice_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_notice_matter_id_matter FOREIGN KEY(matter_id) REFERENCES matter (id)
	CONSTRAINT fk_notice_refers_to_notice FOREIGN KEY(refers_to) REFERENCES notice (id)
	CONSTRAINT pk_notice PRIMARY KEY (id)
	CONSTRAINT uq_notice_branch_id UNIQUE (branch_id, year, sequence)
);

-- table post on post
CREATE TABLE post (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	name VARCHAR(30) NOT NULL
	duties TEXT NOT NULL
	members_needed INTEGER NOT NULL
	active BOOLEAN NOT NULL
	sort_order INTEGER NOT NULL
	created_at DATETIME NOT NULL
	updated_at DATETIME NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_post_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_post PRIMARY KEY (id)
	CONSTRAINT uq_post_branch_id UNIQUE (branch_id, name)
);

-- table post_assignment on post_assignment
CREATE TABLE post_assignment (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	term_id INTEGER NOT NULL
	post_id INTEGER NOT NULL
	member_id INTEGER NOT NULL
	commitment TEXT NOT NULL
	exception_reason TEXT NOT NULL
	assigned_at DATETIME NOT NULL
	assigned_by VARCHAR(100) NOT NULL, version INTEGER DEFAULT '1' NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_post_assignment_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT fk_post_assignment_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
	CONSTRAINT fk_post_assignment_post_id_post FOREIGN KEY(post_id) REFERENCES post (id)
	CONSTRAINT fk_post_assignment_term_id_post_term FOREIGN KEY(term_id) REFERENCES post_term (id)
	CONSTRAINT pk_post_assignment PRIMARY KEY (id)
	CONSTRAINT uq_post_assignment_term_id UNIQUE (term_id, post_id, member_id)
);

-- table post_evaluation on post_evaluation
CREATE TABLE post_evaluation (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	assignment_id INTEGER NOT NULL
	grade VARCHAR(20) NOT NULL
	comment TEXT NOT NULL
	evaluated_on DATE NOT NULL
	updated_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_post_evaluation_assignment_id_post_assignment FOREIGN KEY(assignment_id) REFERENCES post_assignment (id)
	CONSTRAINT fk_post_evaluation_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_post_evaluation PRIMARY KEY (id)
	CONSTRAINT uq_post_evaluation_assignment_id UNIQUE (assignment_id)
);

-- table post_record on post_record
CREATE TABLE post_record (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	assignment_id INTEGER NOT NULL
	record_date DATE NOT NULL
	text TEXT NOT NULL
	confirmed_by VARCHAR(50) NOT NULL
	recorded_at DATETIME NOT NULL
	recorded_by VARCHAR(100) NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_post_record_assignment_id_post_assignment FOREIGN KEY(assignment_id) REFERENCES post_assignment (id)
	CONSTRAINT fk_post_record_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_post_record PRIMARY KEY (id)
);

-- table post_term on post_term
CREATE TABLE post_term (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	year INTEGER
	start_date DATE NOT NULL
	end_date DATE NOT NULL
	created_at DATETIME NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_post_term_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_post_term PRIMARY KEY (id)
	CONSTRAINT uq_post_term_branch_id UNIQUE (branch_id, start_date, end_date)
);

-- table setting on setting
CREATE TABLE setting (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	"key" VARCHAR(100) NOT NULL
	value TEXT NOT NULL, public_id VARCHAR(36)
	CONSTRAINT fk_setting_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_setting PRIMARY KEY (id)
	CONSTRAINT uq_setting_branch_id UNIQUE (branch_id, "key")
);

-- table township_decision on township_decision
CREATE TABLE township_decision (
	id INTEGER NOT NULL
	branch_id INTEGER NOT NULL
	kind VARCHAR(20) NOT NULL
	subject VARCHAR(200) NOT NULL
	details TEXT NOT NULL
	refers_to VARCHAR(36)
	decided_on DATE NOT NULL
	decided_by VARCHAR(100) NOT NULL
	made_at DATETIME NOT NULL
	received_at DATETIME
	version INTEGER DEFAULT '1' NOT NULL
	public_id VARCHAR(36)
	CONSTRAINT fk_township_decision_branch_id_branch FOREIGN KEY(branch_id) REFERENCES branch (id)
	CONSTRAINT pk_township_decision PRIMARY KEY (id)
);
