# Build FieldReg's Windows installer on a Windows machine (packaging\README.md, "Windows").
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
#
# Needs: Python 3.11 or later from python.org (the `py` launcher), Inno Setup 6, git. Makes
# packaging\dist\fieldreg-X.Y.Z-windows-x64-setup.exe and SHA256SUMS beside it.
# Not run by CI (no Windows machine there); tests\test_packaging_scripts.py checks on Linux
# that the paths and names below match the spec and the installer script.
param(
    [string]$Python = ""  # the interpreter to bundle; default: the newest `py -3.x` installed
)
$ErrorActionPreference = "Stop"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path   # packaging\windows
$Packaging = Split-Path -Parent $Here
$Root = Split-Path -Parent $Packaging
$Work = Join-Path $Packaging "build"
$Out = Join-Path $Packaging "dist"

# The version: the same line build-linux.sh reads.
$Version = (Select-String -Path (Join-Path $Root "fieldreg\__init__.py") -Pattern '^__version__ = "(.+)"$').Matches[0].Groups[1].Value
if (-not $Version) { throw "no __version__ in fieldreg\__init__.py" }

if (-not $Python) {
    foreach ($minor in 14, 13, 12, 11) {
        $found = & py "-3.$minor" -c "import sys; print(sys.executable)" 2>$null
        if ($LASTEXITCODE -eq 0 -and $found) { $Python = $found.Trim(); break }
    }
}
if (-not $Python) { throw "no Python 3.11 or later: install one from python.org (with the py launcher)" }
Write-Host "build-windows.ps1: FieldReg $Version with $(& $Python --version) ($Python)"

$env:PYTHONHASHSEED = "0"
if (-not $env:SOURCE_DATE_EPOCH) { $env:SOURCE_DATE_EPOCH = (& git -C $Root log -1 --format=%ct) }

# A build environment of its own, at the versions of constraints.txt.
$Venv = Join-Path $Work "venv-windows"
New-Item -ItemType Directory -Force -Path $Work | Out-Null
if (-not (Test-Path (Join-Path $Venv "Scripts\pyinstaller.exe"))) {
    & $Python -m venv $Venv
    if ($LASTEXITCODE) { throw "python -m venv failed" }
}
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$Requirements = Join-Path $Work "requirements.txt"
& $VenvPython -c "import sys, tomllib; print('\n'.join(tomllib.load(open(sys.argv[1], 'rb'))['project']['dependencies']))" (Join-Path $Root "pyproject.toml") | Set-Content -Encoding utf8 $Requirements
& $VenvPython -m pip install -q --disable-pip-version-check -c (Join-Path $Packaging "constraints.txt") -r $Requirements pyinstaller
if ($LASTEXITCODE) { throw "pip install failed" }

# The icon of the programs and of the installer, from the app's own.
$Icon = Join-Path $Here "fieldreg.ico"
& $VenvPython -c "import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2], sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])" (Join-Path $Root "fieldreg\ui\icons\fieldreg-256.png") $Icon
if ($LASTEXITCODE) { throw "could not make $Icon" }

# The bundle: packaging\build\dist\fieldreg\ (fieldreg.exe, fieldreg-app.exe, _internal\).
$Dist = Join-Path $Work "dist"
$Bundle = Join-Path $Dist "fieldreg"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Dist, (Join-Path $Work "pyinstaller")
Push-Location $Root
& (Join-Path $Venv "Scripts\pyinstaller.exe") --noconfirm --log-level WARN --distpath $Dist --workpath (Join-Path $Work "pyinstaller") (Join-Path $Packaging "fieldreg.spec")
$code = $LASTEXITCODE
Pop-Location
if ($code) { throw "pyinstaller failed" }
& $VenvPython (Join-Path $Packaging "check_bundle.py") $Bundle --version $Version
if ($LASTEXITCODE) { throw "the bundle is incomplete (check_bundle.py)" }

# The installer.
$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 not found: install it from jrsoftware.org" }
New-Item -ItemType Directory -Force -Path $Out | Out-Null
& $Iscc /Q "/DAppVersion=$Version" "/DBundleDir=$Bundle" "/DOutputDir=$Out" (Join-Path $Here "fieldreg.iss")
if ($LASTEXITCODE) { throw "iscc failed" }

# SHA256SUMS in sha256sum's format ("hash  name"), which `sha256sum -c` and the README's
# PowerShell check both read.
$Setup = "fieldreg-$Version-windows-x64-setup.exe"
$Hash = (Get-FileHash -Algorithm SHA256 (Join-Path $Out $Setup)).Hash.ToLower()
Set-Content -Encoding ascii -Path (Join-Path $Out "SHA256SUMS") -Value "$Hash  $Setup"
Write-Host "build-windows.ps1: $Out\$Setup"
