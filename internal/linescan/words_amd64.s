//go:build !purego

#include "textflag.h"

// Registers of hashWordsAMD64, throughout:
//   SI  text's storage
//   R13 the last address of text's storage from which eight bytes can be
//       loaded
//   DI  the block
//   BX  the block's offset in text: 64 per block
//   R10 the block's word bits not yet taken
//   R8  where the next hash goes
//   R9  the last word's hash; 0 before the first
//   R15 the runes of the longest word so far
// and per word:
//   R11 its start, R12 its end, CX its bits in the block, AX its letters,
//   R14 its runes (the first bytes of its runes: starts); then, while
//   hashing, R11 the next byte to hash, R14 the hash, AX eight bytes, CX
//   and DX scratch.
// Locals: the words with a letter and the short ones, the end of the
// blocks and the last place in h for a pair of hashes. R15 is free here:
// nothing in this function reads a global, which is what clobbers it
// when Go links dynamically.
#define LETTERED lettered-8(SP)
#define SHORT short-16(SP)
#define BLOCKSEND blocksEnd-24(SP)
#define PAIRSEND pairsEnd-32(SP)

// LOAD puts the eight bytes of text from R11 in AX, as load does, but
// past the end of the storage it takes the storage's last eight shifted
// down: the bytes of a word are the same. Clobbers CX.
#define LOAD \
	LEAQ (SI)(R11*1), AX; \
	CMPQ AX, R13; \
	JHI  3(PC); \
	MOVQ (AX), AX; \
	JMP  6(PC); \
	MOVQ AX, CX; \
	SUBQ R13, CX; \
	SHLQ $3, CX; \
	MOVQ (R13), AX; \
	SHRQ CX, AX

// FOLD is foldWord of AX, byte-reversed as the hash takes it: ascii is
// the 0x40 of each ASCII byte, letter = x & ascii, and digit = ascii &^
// x, which is ascii ^ letter. Clobbers CX and DX.
#define FOLD \
	MOVQ    AX, DX; \
	NOTQ    DX; \
	MOVQ    $0x8080808080808080, CX; \
	ANDQ    CX, DX; \
	SHRQ    $1, DX; \
	MOVQ    DX, CX; \
	ANDQ    AX, CX; \
	XORQ    CX, DX; \
	SHRQ    $1, CX; \
	ORQ     CX, AX; \
	SHRQ    $6, DX; \
	IMUL3Q  $15, DX, DX; \
	NOTQ    DX; \
	ANDQ    DX, AX; \
	BSWAPQ  AX

// MIX is mix(R14, AX) into R14. Clobbers DX.
#define MIX \
	XORQ  AX, R14; \
	MOVQ  $0x9e3779b97f4a7c15, DX; \
	IMULQ DX, R14; \
	MOVQ  R14, DX; \
	SHRQ  $29, DX; \
	XORQ  DX, R14

// func hashWordsAMD64(text []byte, blocks []wordBits, h []uint32, t *wordTally) int
TEXT ·hashWordsAMD64(SB), NOSPLIT, $32-88
	MOVQ text_base+0(FP), SI
	MOVQ text_cap+16(FP), R13
	LEAQ -8(SI)(R13*1), R13
	MOVQ blocks_base+24(FP), DI
	MOVQ blocks_len+32(FP), AX
	IMUL3Q $24, AX, AX
	ADDQ DI, AX
	MOVQ AX, BLOCKSEND
	MOVQ h_base+48(FP), R8
	MOVQ h_len+56(FP), AX
	LEAQ -8(R8)(AX*4), AX
	MOVQ AX, PAIRSEND
	XORL R9, R9
	XORL BX, BX
	XORL R15, R15
	MOVQ $0, LETTERED
	MOVQ $0, SHORT
	JMP  block

nextBlock:
	ADDQ $24, DI
	ADDQ $64, BX

block:
	CMPQ DI, BLOCKSEND
	JAE  done
	MOVQ (DI), R10

word:
	TESTQ R10, R10
	JZ    nextBlock
	// The lowest run of set bits: cur &^ (cur + its lowest bit).
	BSFQ  R10, R11
	MOVQ  R10, DX
	NEGQ  DX
	ANDQ  R10, DX
	ADDQ  R10, DX
	MOVQ  DX, CX
	NOTQ  CX
	ANDQ  R10, CX
	XORQ  CX, R10
	ADDQ  BX, R11
	BSRQ  CX, R12
	LEAQ  1(BX)(R12*1), R12
	MOVQ  8(DI), DX
	ANDQ  CX, DX
	POPCNTQ DX, R14
	MOVQ  16(DI), AX
	ANDQ  CX, AX

goesOn:
	// A run up to the block's last byte goes on into the next block, if
	// there is one.
	BTQ  $63, CX
	JCC  tally
	LEAQ 24(DI), DX
	CMPQ DX, BLOCKSEND
	JAE  tally
	MOVQ DX, DI
	ADDQ $64, BX
	// The bits below the first byte past the word: every bit if none.
	MOVQ (DI), CX
	NOTQ CX
	MOVQ CX, DX
	NEGQ DX
	ANDQ DX, CX
	DECQ CX
	POPCNTQ CX, DX
	LEAQ (BX)(DX*1), R12
	MOVQ 8(DI), DX
	ANDQ CX, DX
	POPCNTQ DX, DX
	ADDQ DX, R14
	MOVQ 16(DI), DX
	ANDQ CX, DX
	ORQ  DX, AX
	MOVQ CX, R10
	NOTQ R10
	ANDQ (DI), R10
	JMP  goesOn

tally:
	// R14 runes. A word with a letter (AX not zero) counts in LETTERED,
	// and in SHORT if it has at most 3 runes; the others are numbers.
	// NEGQ sets the carry for a non-zero AX, CMPQ for R14 below 4, and
	// SBBQ turns the carry into all ones.
	NEGQ    AX
	SBBQ    DX, DX
	SUBQ    DX, LETTERED
	CMPQ    R14, $4
	SBBQ    AX, AX
	ANDQ    DX, AX
	SUBQ    AX, SHORT
	CMPQ    R14, R15
	CMOVQGT R14, R15

	// The hash: eight bytes at a time, then the last ones with their
	// count.
	XORL R14, R14

whole:
	MOVQ R12, DX
	SUBQ R11, DX
	CMPQ DX, $8
	JLT  last
	LOAD
	FOLD
	MIX
	ADDQ $8, R11
	JMP  whole

last:
	// DX holds u, the bytes left, 0 to 7: the first u bytes of AX, down
	// by 1 and then by 63-8u (two shifts, as one by 64 would need a
	// test), with u in the top three bits. A shift takes its count
	// modulo 64, and ^(8u) is 63-8u modulo 64.
	MOVQ DX, R12
	LOAD
	FOLD
	SHRQ $1, AX
	LEAQ (R12*8), CX
	NOTQ CX
	SHRQ CX, AX
	SHLQ $61, R12
	ORQ  R12, AX
	MIX
	// finish: h ^= h>>32; h *= k; h ^ h>>32, of which the low 32 bits.
	MOVQ  R14, DX
	SHRQ  $32, DX
	XORQ  DX, R14
	MOVQ  $0xd6e8feb86659fd93, DX
	IMULQ DX, R14
	MOVQ  R14, DX
	SHRQ  $32, DX
	XORQ  DX, R14

	// The pair with the word before, or the first word as such (with
	// no branch: which it is changes once a line); then the word.
	CMPQ    R8, PAIRSEND
	JHI     full
	MOVL    R14, DX
	ANDL    $0x3ffff, DX
	IMUL3L  $31, R9, AX
	XORL    R14, AX
	XORL    $0x7f4a7c15, AX
	MOVL    R14, CX
	XORL    $0x9e3779b9, CX
	TESTL   R9, R9
	CMOVLEQ CX, AX
	ANDL    $0x3ffff, AX
	MOVL AX, (R8)
	MOVL DX, 4(R8)
	ADDQ $8, R8
	MOVL R14, R9
	JMP  word

done:
	// The last word as such.
	TESTL R9, R9
	JZ    counts
	MOVQ  PAIRSEND, AX
	ADDQ  $4, AX
	CMPQ  R8, AX
	JHI   full
	XORL  $0x85ebca6b, R9
	ANDL  $0x3ffff, R9
	MOVL  R9, (R8)
	ADDQ  $4, R8

counts:
	// The numbers are the words, a pair of hashes each, less those with
	// a letter.
	MOVQ t+72(FP), AX
	MOVQ R8, DX
	SUBQ h_base+48(FP), DX
	SHRQ $3, DX
	SUBQ LETTERED, DX
	MOVQ DX, 0(AX)
	MOVQ SHORT, DX
	MOVQ DX, 8(AX)
	MOVQ R15, 16(AX)
	SUBQ h_base+48(FP), R8
	SHRQ $2, R8
	MOVQ R8, ret+80(FP)
	RET

full:
	MOVQ $-1, ret+80(FP)
	RET
