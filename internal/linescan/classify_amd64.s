//go:build !purego

#include "textflag.h"

// Constants of classifyAVX2, each a byte repeated over 32 bytes: a
// vector.

// VECTOR sets the 32 bytes of classifyConsts from off to the 8-byte
// value v four times.
#define VECTOR(off, v) \
	DATA classifyConsts<>+(off)(SB)/8, v; \
	DATA classifyConsts<>+(off+0x08)(SB)/8, v; \
	DATA classifyConsts<>+(off+0x10)(SB)/8, v; \
	DATA classifyConsts<>+(off+0x18)(SB)/8, v

// ' ': ORed into a byte it lowers a capital; compared, it finds a space.
VECTOR(0x00, $0x2020202020202020)
// 0x80-'a', which moves 'a' to -128.
VECTOR(0x20, $0x1f1f1f1f1f1f1f1f)
// 0x80-'A', which moves 'A' to -128.
VECTOR(0x40, $0x3f3f3f3f3f3f3f3f)
// 0x80-'0', which moves '0' to -128.
VECTOR(0x60, $0x5050505050505050)
// 0x80-0xc6, which moves 0xc6 to -128.
VECTOR(0x80, $0xbabababababababa)
// -128+26: a range of 26 moved to -128 is below it.
VECTOR(0xa0, $0x9a9a9a9a9a9a9a9a)
// -128+10: a range of 10 moved to -128 is below it.
VECTOR(0xc0, $0x8a8a8a8a8a8a8a8a)
// -64 (0xc0): the continuation bytes, 0x80 to 0xbf, are below it.
VECTOR(0xe0, $0xc0c0c0c0c0c0c0c0)
// 0x70: added with saturation, it leaves the bytes below 0x10 below 0x80,
// where VPSHUFB takes their low nibble, and takes all others to 0x80 or
// above, where VPSHUFB gives 0.
VECTOR(0x100, $0x7070707070707070)
// The white space below 0x10 by its low nibble, in each 16-byte lane:
// tab, vertical tab and form feed.
DATA classifyConsts<>+0x120(SB)/8, $0x0000000000000000
DATA classifyConsts<>+0x128(SB)/8, $0x000000ffff00ff00
DATA classifyConsts<>+0x130(SB)/8, $0x0000000000000000
DATA classifyConsts<>+0x138(SB)/8, $0x000000ffff00ff00
GLOBL classifyConsts<>(SB), RODATA|NOPTR, $320

// PACK puts the high bits of the 64 bytes of lo and hi, a vector each,
// in r, byte j's at bit j.
#define PACK(lo, hi, r) \
	VPMOVMSKB lo, r;  \
	VPMOVMSKB hi, R12; \
	SHLQ      $32, R12; \
	ORQ       R12, r

// TOBLOCK moves r, a bitmap of the window of 64 bytes the vectors hold,
// to the block: down by CX, the bytes of the window before base, and
// masked by R9 to the bytes of the block in text.
#define TOBLOCK(r) \
	SHRQ CX, r; \
	ANDQ R9, r

// func classify(text []byte, base int, b *bitmaps)
//
// A tail call to classifyAVX2 or to classifyGo, whose arguments are
// classify's.
TEXT ·classify(SB), NOSPLIT, $0-40
	CMPB ·useAVX2(SB), $0
	JEQ  generic
	CMPQ text_cap+16(FP), $64
	JLT  generic
	JMP  ·classifyAVX2(SB)

generic:
	JMP ·classifyGo(SB)

// func classifyAVX2(text []byte, base int, b *bitmaps)
//
// A range of bytes is found by adding to each the constant that moves the
// range's first byte to -128, the least signed byte: a byte is in the
// range if and only if it then is less than -128 plus the range's length
// (VPCMPGTB compares signed bytes). The punctuation is what is neither a
// letter, a digit, white space nor a byte from 0x80. Y12 to Y15 hold
// constants: X15, which Go code keeps zero, is free in assembly, and the
// Go caller zeroes it again. R13 holds b: the bitmaps are stored into
// the caller's variable, which it reads field by field, rather than
// returned and copied (a copy whose 16-byte loads wait for the 8-byte
// stores they span).
TEXT ·classifyAVX2(SB), NOSPLIT, $0-40
	MOVQ b+32(FP), R13
	MOVQ text_base+0(FP), SI
	MOVQ text_len+8(FP), DX
	MOVQ text_cap+16(FP), AX
	MOVQ base+24(FP), BX

	// R8 is the number of bytes in text from base; R9 the mask of the
	// first 64 of them.
	MOVQ    DX, R8
	SUBQ    BX, R8
	MOVQ    $-1, R9
	MOVQ    R8, CX
	MOVQ    $-1, R10
	SHLQ    CX, R10
	NOTQ    R10
	CMPQ    R8, $64
	CMOVQCS R10, R9

	// The window is the 64 bytes from base, or, when they run past cap,
	// the last 64 of the storage, which classify makes sure are there:
	// DI is its start, CX the bytes of it before base.
	MOVQ BX, DI
	XORL CX, CX
	LEAQ 64(BX), R10
	CMPQ R10, AX
	JLE  load
	LEAQ -64(AX), DI
	MOVQ BX, CX
	SUBQ DI, CX

load:
	VMOVDQU (SI)(DI*1), Y0
	VMOVDQU 32(SI)(DI*1), Y1
	VMOVDQU classifyConsts<>+0xa0(SB), Y12 // -128+26
	VMOVDQU classifyConsts<>+0xc0(SB), Y13 // -128+10
	VMOVDQU classifyConsts<>+0xe0(SB), Y14 // -64
	VMOVDQU classifyConsts<>+0x120(SB), Y15 // white space below 0x10

	// high: the bytes from 0x80, whose sign bit is set.
	PACK(Y0, Y1, AX)
	TOBLOCK(AX)
	MOVQ AX, 24(R13)

	// letter: the bytes that ORed with 0x20 are from 'a' to 'z'.
	VPOR     classifyConsts<>+0x00(SB), Y0, Y2
	VPOR     classifyConsts<>+0x00(SB), Y1, Y3
	VPADDB   classifyConsts<>+0x20(SB), Y2, Y2
	VPADDB   classifyConsts<>+0x20(SB), Y3, Y3
	VPCMPGTB Y2, Y12, Y2
	VPCMPGTB Y3, Y12, Y3
	PACK(Y2, Y3, AX)
	TOBLOCK(AX)
	MOVQ     AX, 8(R13)

	// word: the letters and the digits, '0' to '9'.
	VPADDB   classifyConsts<>+0x60(SB), Y0, Y4
	VPADDB   classifyConsts<>+0x60(SB), Y1, Y5
	VPCMPGTB Y4, Y13, Y4
	VPCMPGTB Y5, Y13, Y5
	VPOR     Y2, Y4, Y4
	VPOR     Y3, Y5, Y5
	PACK(Y4, Y5, AX)
	TOBLOCK(AX)
	MOVQ     AX, 0(R13)

	// upper: 'A' to 'Z'.
	VPADDB   classifyConsts<>+0x40(SB), Y0, Y2
	VPADDB   classifyConsts<>+0x40(SB), Y1, Y3
	VPCMPGTB Y2, Y12, Y2
	VPCMPGTB Y3, Y12, Y3
	PACK(Y2, Y3, AX)
	TOBLOCK(AX)
	MOVQ     AX, 16(R13)

	// punct: what is neither a word byte, white space (a tab, vertical
	// tab or form feed, or a space) nor a byte from 0x80.
	VPADDUSB classifyConsts<>+0x100(SB), Y0, Y2
	VPADDUSB classifyConsts<>+0x100(SB), Y1, Y3
	VPSHUFB  Y2, Y15, Y2
	VPSHUFB  Y3, Y15, Y3
	VPCMPEQB classifyConsts<>+0x00(SB), Y0, Y6
	VPCMPEQB classifyConsts<>+0x00(SB), Y1, Y7
	VPOR     Y6, Y2, Y2
	VPOR     Y7, Y3, Y3
	VPOR     Y4, Y2, Y2
	VPOR     Y5, Y3, Y3
	VPOR     Y0, Y2, Y2
	VPOR     Y1, Y3, Y3
	PACK(Y2, Y3, AX)
	NOTQ     AX
	TOBLOCK(AX)
	MOVQ     AX, 32(R13)

	// R10: the first bytes of the two-byte runes of pairs, 0xc6 to 0xdf.
	VPADDB   classifyConsts<>+0x80(SB), Y0, Y2
	VPADDB   classifyConsts<>+0x80(SB), Y1, Y3
	VPCMPGTB Y2, Y12, Y2
	VPCMPGTB Y3, Y12, Y3
	PACK(Y2, Y3, R10)
	TOBLOCK(R10)

	// R11: the continuation bytes, 0x80 to 0xbf.
	VPCMPGTB Y0, Y14, Y2
	VPCMPGTB Y1, Y14, Y3
	PACK(Y2, Y3, R11)
	TOBLOCK(R11)
	VZEROUPPER

	// pairs: a first byte followed by a continuation byte, the one of
	// the next block for the last (R8 > 64: there is one).
	SHRQ    $1, R11
	CMPQ    R8, $64
	JLE     pairs
	MOVBLZX 64(SI)(BX*1), AX
	ANDL    $0xc0, AX
	CMPL    AX, $0x80
	JNE     pairs
	BTSQ    $63, R11

pairs:
	ANDQ R10, R11
	MOVQ R11, 40(R13)
	RET
