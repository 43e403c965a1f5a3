<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Text</name>
    <message>
        <source>{first}; {then}</source>
        <translation>{first}&#xa0;; {then}</translation>
    </message>
</context>
</TS>
