/*
 * A stand-in bcryptprimitives.dll for running phuluc.exe under Wine. FOR TESTS ONLY:
 * it is never shipped (not in the installer, not in the zip).
 *
 * Rust's standard library (1.78 and later) gets its random numbers (HashMap seeds, among
 * others) from ProcessPrng in bcryptprimitives.dll, which every Windows 10/11 has but
 * Wine 8 does not: without it the exe does not even start under Wine ("bcryptprimitives.dll
 * not found"). Put this DLL beside phuluc.exe in the test folder; Windows' loader looks in the
 * exe's folder first. It forwards to BCryptGenRandom, which Wine has.
 *
 * Build (packaging/windows-smoke.sh does this):
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll prng-shim.c -lbcrypt
 * On x64 there is one calling convention, so the export is the plain name "ProcessPrng"
 * without a .def file (check: x86_64-w64-mingw32-objdump -p bcryptprimitives.dll).
 */
#include <windows.h>
#include <bcrypt.h>

#ifndef BCRYPT_USE_SYSTEM_PREFERRED_RNG
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#endif

/* Same contract as Windows' own: fills data with len random bytes and returns TRUE (the real
 * one never fails; this one returns FALSE only if Wine's BCryptGenRandom does). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* BCryptGenRandom takes a ULONG length: hand it at most 4 GiB - 1 at a time. */
    while (len > 0) {
        ULONG chunk = len > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
