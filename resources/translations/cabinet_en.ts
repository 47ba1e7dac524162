<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>ActivityView</name>
        <message numerus="yes">
            <source>Your last %n month(s) as the health insurance counts them, on %1: %2 acts, %3 in fees.</source>
            <translation>
                <numerusform>Your last month as the health insurance counts it, on %1: %2 acts, %3 in fees.</numerusform>
                <numerusform>Your last %n months as the health insurance counts them, on %1: %2 acts, %3 in fees.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AldModel</name>
        <message numerus="yes">
            <source>ended %n day(s) ago</source>
            <translation>
                <numerusform>ended %n day ago</numerusform>
                <numerusform>ended %n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AldView</name>
        <message numerus="yes">
            <source>%n renewal(s) due within 3 months</source>
            <translation>
                <numerusform>%n renewal due within 3 months</numerusform>
                <numerusform>%n renewals due within 3 months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n within a month</source>
            <translation>
                <numerusform>%n within a month</numerusform>
                <numerusform>%n within a month</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CardErrors</name>
        <message numerus="yes">
            <source>Wrong PIN: %n try(ies) left.</source>
            <translation>
                <numerusform>Wrong PIN: %n try left.</numerusform>
                <numerusform>Wrong PIN: %n tries left.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DiagnosticsView</name>
        <message numerus="yes">
            <source>Running — %n reader(s)</source>
            <translation>
                <numerusform>Running — %n reader</numerusform>
                <numerusform>Running — %n readers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentFlows</name>
        <message numerus="yes">
            <source>« %1 », %n page(s).</source>
            <translation>
                <numerusform>« %1 », %n page.</numerusform>
                <numerusform>« %1 », %n pages.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) scanned: the draft is in the list.</source>
            <translation>
                <numerusform>%n page scanned: the draft is in the list.</numerusform>
                <numerusform>%n pages scanned: the draft is in the list.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsModel</name>
        <message numerus="yes">
            <source>%n page(s) to check</source>
            <translation>
                <numerusform>%n page to check</numerusform>
                <numerusform>%n pages to check</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsPresenter</name>
        <message numerus="yes">
            <source>%n document(s) added as draft(s): link each one to its invoice.</source>
            <translation>
                <numerusform>%n document added as a draft: link it to its invoice.</numerusform>
                <numerusform>%n documents added as drafts: link each one to its invoice.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) already in the list.</source>
            <translation>
                <numerusform>%n file already in the list.</numerusform>
                <numerusform>%n files already in the list.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsView</name>
        <message numerus="yes">
            <source>Watched folder: %1 — %n file(s) taken today</source>
            <translation>
                <numerusform>Watched folder: %1 — %n file taken today</numerusform>
                <numerusform>Watched folder: %1 — %n files taken today</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n draft(s) to finish</source>
            <translation>
                <numerusform>%n draft to finish</numerusform>
                <numerusform>%n drafts to finish</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n on the way</source>
            <translation>
                <numerusform>%n on the way</numerusform>
                <numerusform>%n on the way</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refused or lost: see the reason</source>
            <translation>
                <numerusform>%n refused or lost: see the reason</numerusform>
                <numerusform>%n refused or lost: see the reason</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to send on paper</source>
            <translation>
                <numerusform>%n to send on paper</numerusform>
                <numerusform>%n to send on paper</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n accepted</source>
            <translation>
                <numerusform>%n accepted</numerusform>
                <numerusform>%n accepted</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n draft(s)? Their pages are deleted from this workstation.</source>
            <translation>
                <numerusform>Delete this draft? Its pages are deleted from this workstation.</numerusform>
                <numerusform>Delete %n drafts? Their pages are deleted from this workstation.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Freshness</name>
        <message numerus="yes">
            <source>Up to date %n min ago</source>
            <translation>
                <numerusform>Up to date %n min ago</numerusform>
                <numerusform>Up to date %n min ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Up to date %n h ago</source>
            <translation>
                <numerusform>Up to date %n h ago</numerusform>
                <numerusform>Up to date %n h ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Session ends in %n min</source>
            <translation>
                <numerusform>Session ends in %n min</numerusform>
                <numerusform>Session ends in %n min</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message numerus="yes">
            <source>Your password expires in %n day(s): change it from a session opened with your card.</source>
            <translation>
                <numerusform>Your password expires in %n day: change it from a session opened with your card.</numerusform>
                <numerusform>Your password expires in %n days: change it from a session opened with your card.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) need your attention.</source>
            <translation>
                <numerusform>%n item needs your attention.</numerusform>
                <numerusform>%n items need your attention.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>ALD renewal(s) to prepare — the first due on %1</source>
            <translation>
                <numerusform>ALD renewal to prepare — due on %1</numerusform>
                <numerusform>ALD renewals to prepare — the first due on %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>rejected invoice(s) to correct</source>
            <translation>
                <numerusform>rejected invoice to correct</numerusform>
                <numerusform>rejected invoices to correct</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>answer(s) from your fund</source>
            <translation>
                <numerusform>answer from your fund</numerusform>
                <numerusform>answers from your fund</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) waiting to be sent</source>
            <translation>
                <numerusform>scanned document waiting to be sent</numerusform>
                <numerusform>scanned documents waiting to be sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) could not be sent: see why</source>
            <translation>
                <numerusform>scanned document could not be sent: see why</numerusform>
                <numerusform>scanned documents could not be sent: see why</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) to link to their invoice</source>
            <translation>
                <numerusform>scanned document to link to its invoice</numerusform>
                <numerusform>scanned documents to link to their invoice</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>document(s) to send on paper</source>
            <translation>
                <numerusform>document to send on paper</numerusform>
                <numerusform>documents to send on paper</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InvoicePicker</name>
        <message numerus="yes">
            <source>%n invoice(s) found</source>
            <translation>
                <numerusform>%n invoice found</numerusform>
                <numerusform>%n invoices found</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n invoice(s) awaiting their care sheet</source>
            <translation>
                <numerusform>%n invoice awaiting its care sheet</numerusform>
                <numerusform>%n invoices awaiting their care sheet</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PageEditor</name>
        <message numerus="yes">
            <source>Document %1 — %n page(s)</source>
            <translation>
                <numerusform>Document %1 — %n page</numerusform>
                <numerusform>Document %1 — %n pages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) to check</source>
            <translation>
                <numerusform>%n page to check</numerusform>
                <numerusform>%n pages to check</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PagesDialog</name>
        <message numerus="yes">
            <source>These pages will make %n document(s).</source>
            <translation>
                <numerusform>These pages will make %n document.</numerusform>
                <numerusform>These pages will make %n documents.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message numerus="yes">
            <source>Your password expires in %n day(s).</source>
            <translation>
                <numerusform>Your password expires in %n day.</numerusform>
                <numerusform>Your password expires in %n days.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PatientsView</name>
        <message numerus="yes">
            <source>This card carries %n people: choose the patient.</source>
            <translation>
                <numerusform>This card carries %n person: choose the patient.</numerusform>
                <numerusform>This card carries %n people: choose the patient.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>From %1 to %2: %n reimbursement(s).</source>
            <translation>
                <numerusform>From %1 to %2: %n reimbursement.</numerusform>
                <numerusform>From %1 to %2: %n reimbursements.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PaymentsPage</name>
        <message numerus="yes">
            <source>%n payment(s) exported to %1</source>
            <translation>
                <numerusform>%n payment exported to %1</numerusform>
                <numerusform>%n payments exported to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 payment(s) — %2</source>
            <translation>
                <numerusform>%1 payment — %2</numerusform>
                <numerusform>%1 payments — %2</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n payment(s), %2</source>
            <translation>
                <numerusform>%1: %n payment, %2</numerusform>
                <numerusform>%1: %n payments, %2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PersonalView</name>
        <message numerus="yes">
            <source>Your password expires on %1, in %n day(s): change it from a session opened with your card.</source>
            <translation>
                <numerusform>Your password expires on %1, in %n day: change it from a session opened with your card.</numerusform>
                <numerusform>Your password expires on %1, in %n days: change it from a session opened with your card.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message numerus="yes">
            <source>Type your PIN (%n digit(s))</source>
            <translation>
                <numerusform>Type your PIN (%n digit)</numerusform>
                <numerusform>Type your PIN (%n digits)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n try(ies) left</source>
            <translation>
                <numerusform>%n try left</numerusform>
                <numerusform>%n tries left</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReadersView</name>
        <message numerus="yes">
            <source>Carte Vitale — %n person(s)</source>
            <translation>
                <numerusform>Carte Vitale — %n person</numerusform>
                <numerusform>Carte Vitale — %n people</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RejectsView</name>
        <message numerus="yes">
            <source>%n invoice(s) to correct</source>
            <translation>
                <numerusform>%n invoice to correct</numerusform>
                <numerusform>%n invoices to correct</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n rejected invoice(s)</source>
            <translation>
                <numerusform>%n rejected invoice</numerusform>
                <numerusform>%n rejected invoices</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new</source>
            <translation>
                <numerusform>%n new</numerusform>
                <numerusform>%n new</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Sizes</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatusBarView</name>
        <message numerus="yes">
            <source>%n document(s) waiting to be sent</source>
            <translation>
                <numerusform>%n document waiting to be sent</numerusform>
                <numerusform>%n documents waiting to be sent</numerusform>
            </translation>
        </message>
    </context>
</TS>