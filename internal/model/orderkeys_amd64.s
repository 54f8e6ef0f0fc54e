//go:build !purego

#include "textflag.h"

// tailMask holds eight lanes set, then eight clear: the 32 bytes at
// tailMask+4*(8-r) enable the first r lanes of a vector.
DATA tailMask<>+0(SB)/8, $0xffffffffffffffff
DATA tailMask<>+8(SB)/8, $0xffffffffffffffff
DATA tailMask<>+16(SB)/8, $0xffffffffffffffff
DATA tailMask<>+24(SB)/8, $0xffffffffffffffff
DATA tailMask<>+32(SB)/8, $0
DATA tailMask<>+40(SB)/8, $0
DATA tailMask<>+48(SB)/8, $0
DATA tailMask<>+56(SB)/8, $0
GLOBL tailMask<>(SB), RODATA|NOPTR, $64

// func orderKeysAVX2(x []float32, keys []uint32)
//
// orderKey on eight lanes: v+0 turns -0 into +0; the bits then have
// their sign bit flipped when positive and every bit flipped when
// negative (an arithmetic shift of the sign, or'ed with the sign bit);
// a NaN, unordered with itself, becomes all ones. The last one to seven
// values are loaded and stored through a lane mask, which reads and
// writes nothing past the slices.
TEXT ·orderKeysAVX2(SB), NOSPLIT, $0-48
	MOVQ     x_base+0(FP), SI
	MOVQ     x_len+8(FP), CX
	MOVQ     keys_base+24(FP), DI
	VXORPS   Y0, Y0, Y0
	VPCMPEQD Y1, Y1, Y1
	VPSLLD   $31, Y1, Y1 // the sign bit in every lane
	CMPQ     CX, $8
	JB       tail

eights:
	VMOVUPS  (SI), Y2
	VADDPS   Y0, Y2, Y2
	VCMPPS   $3, Y2, Y2, Y3 // NaN lanes
	VPSRAD   $31, Y2, Y4
	VPOR     Y1, Y4, Y4
	VPXOR    Y4, Y2, Y2
	VPOR     Y3, Y2, Y2
	VMOVDQU  Y2, (DI)
	ADDQ     $32, SI
	ADDQ     $32, DI
	SUBQ     $8, CX
	CMPQ     CX, $8
	JAE      eights

tail:
	TESTQ      CX, CX
	JZ         done
	LEAQ       tailMask<>+32(SB), AX
	SHLQ       $2, CX
	SUBQ       CX, AX
	VMOVDQU    (AX), Y5
	VMASKMOVPS (SI), Y5, Y2
	VADDPS     Y0, Y2, Y2
	VCMPPS     $3, Y2, Y2, Y3
	VPSRAD     $31, Y2, Y4
	VPOR       Y1, Y4, Y4
	VPXOR      Y4, Y2, Y2
	VPOR       Y3, Y2, Y2
	VPMASKMOVD Y2, Y5, (DI)

done:
	VZEROUPPER
	RET
