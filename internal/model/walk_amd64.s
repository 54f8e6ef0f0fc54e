//go:build !purego

#include "textflag.h"

// Registers of walk8AMD64: AX, BX, CX, DX, SI, DI, R8 and R9 hold the
// eight trees' indices in the shared array; R10 the array, R11 the
// keys, R12 the split's feature, then its key; R14 counts the levels
// left.
#define NODE R10
#define KEYS R11

// STEP is down(I, base, node[I], keys) for the tree whose base less one
// is at BASE: the split's feature (the low half of its word) gives the
// key; comparing the threshold (the high half) with it sets the carry
// when the key is above it, which is the step right; ADCQ doubles I and
// adds the step, and taking base-1 adds the one and moves to the tree.
#define STEP(I, BASE) \
	MOVL (NODE)(I*8), R12; \
	MOVL (KEYS)(R12*4), R12; \
	CMPL 4(NODE)(I*8), R12; \
	ADCQ I, I; \
	SUBQ BASE, I

// LESSONE stores I-1 at LOCAL.
#define LESSONE(I, LOCAL) \
	LEAQ -1(I), R13; \
	MOVQ R13, LOCAL

// LEAF adds the leaf at index I, its value's float32 bits in the low half
// of its word, to X0.
#define LEAF(I) \
	MOVSS (NODE)(I*8), X1; \
	ADDSS X1, X0

// func walk8AMD64(node []uint64, keys []uint32, depth int, z float32) float32
TEXT ·walk8AMD64(SB), NOSPLIT, $64-68
	MOVQ node_base+0(FP), NODE
	MOVQ keys_base+24(FP), KEYS
	MOVQ depth+48(FP), R14
	MOVSS z+56(FP), X0

	// A tree takes 2^(depth+1)-1 words; tree t starts at t times that.
	// The locals hold each tree's start less one.
	MOVQ R14, CX
	MOVL $2, R12
	SHLQ CX, R12
	DECQ R12
	XORL AX, AX
	MOVQ R12, BX
	LEAQ (R12)(R12*1), CX
	LEAQ (CX)(R12*1), DX
	LEAQ (DX)(R12*1), SI
	LEAQ (SI)(R12*1), DI
	LEAQ (DI)(R12*1), R8
	LEAQ (R8)(R12*1), R9
	MOVQ $-1, 0(SP)
	LESSONE(BX, 8(SP))
	LESSONE(CX, 16(SP))
	LESSONE(DX, 24(SP))
	LESSONE(SI, 32(SP))
	LESSONE(DI, 40(SP))
	LESSONE(R8, 48(SP))
	LESSONE(R9, 56(SP))

	TESTQ R14, R14
	JZ    leaves

level:
	STEP(AX, 0(SP))
	STEP(BX, 8(SP))
	STEP(CX, 16(SP))
	STEP(DX, 24(SP))
	STEP(SI, 32(SP))
	STEP(DI, 40(SP))
	STEP(R8, 48(SP))
	STEP(R9, 56(SP))
	DECQ R14
	JNZ  level

leaves:
	LEAF(AX)
	LEAF(BX)
	LEAF(CX)
	LEAF(DX)
	LEAF(SI)
	LEAF(DI)
	LEAF(R8)
	LEAF(R9)
	MOVSS X0, ret+64(FP)
	RET
