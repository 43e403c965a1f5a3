<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>FormProblems</name>
    <message>
        <source>1 problem to fix before saving:</source>
        <translation>1 point à corriger avant d&apos;enregistrer&#xa0;:</translation>
    </message>
    <message>
        <source>{count} problems to fix before saving:</source>
        <translation>{count} points à corriger avant d&apos;enregistrer&#xa0;:</translation>
    </message>
</context>
</TS>
