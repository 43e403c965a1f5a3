<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Camera</name>
    <message>
        <source>The camera cannot be used: this computer lacks the video libraries (on Linux, install libpulse0). Use the barcode scanner or open a photo of the slip.</source>
        <translation>La caméra ne peut pas être utilisée&#xa0;: il manque à cet ordinateur les bibliothèques vidéo (sous Linux, installez libpulse0). Utilisez le lecteur de codes-barres ou ouvrez une photo de la fiche.</translation>
    </message>
    <message>
        <source>No camera was found on this computer. Use the barcode scanner, or open a photo of the slip.</source>
        <translation>Aucune caméra n&apos;a été trouvée sur cet ordinateur. Utilisez le lecteur de codes-barres, ou ouvrez une photo de la fiche.</translation>
    </message>
</context>
</TS>
