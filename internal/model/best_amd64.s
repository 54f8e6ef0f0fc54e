//go:build !purego

#include "textflag.h"

// bestLanes holds sixteen lanes set, then sixteen clear: the 64 bytes at
// bestLanes+4*(16-n) enable the first n of sixteen classes.
DATA bestLanes<>+0(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+8(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+16(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+24(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+32(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+40(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+48(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+56(SB)/8, $0xffffffffffffffff
DATA bestLanes<>+64(SB)/8, $0
DATA bestLanes<>+72(SB)/8, $0
DATA bestLanes<>+80(SB)/8, $0
DATA bestLanes<>+88(SB)/8, $0
DATA bestLanes<>+96(SB)/8, $0
DATA bestLanes<>+104(SB)/8, $0
DATA bestLanes<>+112(SB)/8, $0
DATA bestLanes<>+120(SB)/8, $0
GLOBL bestLanes<>(SB), RODATA|NOPTR, $128

// func bestAVX2(z *[16]float32, n int) int
//
// The classes past n become -Inf, the sixteen are reduced to their
// maximum, and the first class equal to it is the answer: the first of
// the greatest, as the plain loop's strict comparison finds it (-0 and +0
// compare equal in both). A NaN among the first n, which the plain loop
// never passes over nor replaces, returns -1 for the caller to run it.
TEXT ·bestAVX2(SB), NOSPLIT, $0-24
	MOVQ z+0(FP), SI
	MOVQ n+8(FP), CX
	LEAQ bestLanes<>+64(SB), AX
	SHLQ $2, CX
	SUBQ CX, AX
	VMOVDQU (AX), Y2   // classes 0-7 in use
	VMOVDQU 32(AX), Y3 // classes 8-15 in use
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1

	// A NaN among the classes in use: let the caller decide.
	VCMPPS  $3, Y0, Y0, Y4
	VCMPPS  $3, Y1, Y1, Y5
	VANDPS  Y2, Y4, Y4
	VANDPS  Y3, Y5, Y5
	VORPS   Y5, Y4, Y4
	VPTEST  Y4, Y4
	JNZ     nan

	// -Inf in the classes past n.
	VPCMPEQD Y6, Y6, Y6
	VPSLLD   $23, Y6, Y6 // 0xff800000, -Inf, in every lane
	VANDNPS  Y6, Y2, Y4  // -Inf where a class is not in use
	VANDNPS  Y6, Y3, Y5
	VANDPS   Y2, Y0, Y0
	VANDPS   Y3, Y1, Y1
	VORPS    Y4, Y0, Y0
	VORPS    Y5, Y1, Y1

	// The maximum in every lane.
	VMAXPS       Y1, Y0, Y4
	VEXTRACTF128 $1, Y4, X5
	VMAXPS       X5, X4, X4
	VPERMILPS    $0x4e, X4, X5
	VMAXPS       X5, X4, X4
	VPERMILPS    $0xb1, X4, X5
	VMAXPS       X5, X4, X4
	VBROADCASTSS X4, Y4

	// The first class equal to it.
	VCMPPS   $0, Y4, Y0, Y5
	VCMPPS   $0, Y4, Y1, Y6
	VMOVMSKPS Y5, AX
	VMOVMSKPS Y6, BX
	SHLQ     $8, BX
	ORQ      BX, AX
	BSFQ     AX, AX
	VZEROUPPER
	MOVQ AX, ret+16(FP)
	RET

nan:
	VZEROUPPER
	MOVQ $-1, ret+16(FP)
	RET
