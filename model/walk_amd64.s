#include "textflag.h"

// Registers of walk8AMD64: AX, BX, CX, DX, SI, DI, R8 and R9 hold the
// eight trees' indices in the shared array; R10 the array, R11 the
// keys, R12 the split in hand and R13 its feature, then its key; R14
// counts the levels left. The locals hold each tree's first index.
#define NODE R10
#define KEYS R11

// DOWN is down(I, 0, node[I], keys): the split's threshold less the
// key of its feature, as 64-bit values, has its sign set when the key is
// above the threshold, which is the step right.
#define DOWN(I) \
	MOVQ (NODE)(I*8), R12; \
	MOVL R12, R13; \
	SHRQ $32, R12; \
	MOVL (KEYS)(R13*4), R13; \
	SUBQ R13, R12; \
	SHRQ $63, R12; \
	LEAQ 1(R12)(I*2), I

// STEP is DOWN for a tree that starts at BASE rather than 0.
#define STEP(I, BASE) \
	DOWN(I); \
	SUBQ BASE, I

// LEAF adds the leaf at index I, its value's float32 bits in the low half
// of its word, to X0.
#define LEAF(I) \
	MOVSS (NODE)(I*8), X1; \
	ADDSS X1, X0

// func walk8AMD64(node []uint64, keys []uint32, depth int, z float32) float32
TEXT ·walk8AMD64(SB), NOSPLIT, $56-68
	MOVQ node_base+0(FP), NODE
	MOVQ keys_base+24(FP), KEYS
	MOVQ depth+48(FP), R14
	MOVSS z+56(FP), X0

	// A tree takes 2^(depth+1)-1 words; tree t starts at t times that.
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
	MOVQ BX, 0(SP)
	MOVQ CX, 8(SP)
	MOVQ DX, 16(SP)
	MOVQ SI, 24(SP)
	MOVQ DI, 32(SP)
	MOVQ R8, 40(SP)
	MOVQ R9, 48(SP)

	TESTQ R14, R14
	JZ    leaves

level:
	DOWN(AX)
	STEP(BX, 0(SP))
	STEP(CX, 8(SP))
	STEP(DX, 16(SP))
	STEP(SI, 24(SP))
	STEP(DI, 32(SP))
	STEP(R8, 40(SP))
	STEP(R9, 48(SP))
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
