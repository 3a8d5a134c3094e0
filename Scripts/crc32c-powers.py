#!/usr/bin/env python3
"""Prints the constants of Sources/CCRC32C/CRC32C.c's three-lane CRC32C.

For each lane length n (bytes), x^(8n-33) mod P and x^(16n-33) mod P, with P the CRC-32C
(Castagnoli) polynomial, bit-reflected as the CRC32C instruction holds a CRC. A carry-less
multiply of a CRC by x^(8n-33), reduced by the instruction (which multiplies by x^32) and
reflected (the product's one-bit shift is another x), moves that CRC past n zero bytes.
"""

POLYNOMIAL = 0x1_1EDC_6F41  # x^32 + ... + 1, not reflected


def multiply(a: int, b: int) -> int:
    """a * b mod P, both of degree < 32, not reflected."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a >> 32:
            a ^= POLYNOMIAL
    return product


def x_to_the(exponent: int) -> int:
    """x^exponent mod P, not reflected."""
    result, power = 1, 2
    while exponent:
        if exponent & 1:
            result = multiply(result, power)
        power = multiply(power, power)
        exponent >>= 1
    return result


def reflected(value: int) -> int:
    return int(f"{value:032b}"[::-1], 2)


for lane in (4096, 1024, 256, 64):
    past_one, past_two = (reflected(x_to_the(8 * lanes * lane - 33)) for lanes in (1, 2))
    print(f"lane {lane:5}: past one lane 0x{past_one:08x}u, past two lanes 0x{past_two:08x}u")
