//go:build !purego

#include "textflag.h"

// func logitsAVX2(row []float32, dense *[16]float32, words *[16]float32, hashed []uint32, mask uint32, z *[16]float32)
//
// The sixteen classes of an input are two vectors of eight. Each input's
// product is added to the sums before the next input's, and the words
// after the dense features, in order: per class, the additions of the
// plain loop, so the same bits. A dense feature of zero is not skipped,
// as the plain loop does: its products are zeros, and adding a zero to a
// sum leaves it as it is.
TEXT ·logitsAVX2(SB), NOSPLIT, $0-80
	MOVQ row_base+0(FP), SI
	MOVQ row_len+8(FP), CX
	MOVQ dense+24(FP), DI
	MOVQ words+32(FP), R8
	MOVQ hashed_base+40(FP), R9
	MOVQ hashed_len+48(FP), R10
	MOVL mask+64(FP), R11
	MOVQ z+72(FP), DX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	TESTQ CX, CX
	JZ   nodense

densely:
	VBROADCASTSS (SI), Y2
	VMULPS       (DI), Y2, Y3
	VMULPS       32(DI), Y2, Y4
	VADDPS       Y3, Y0, Y0
	VADDPS       Y4, Y1, Y1
	ADDQ         $4, SI
	ADDQ         $64, DI
	DECQ         CX
	JNZ          densely

nodense:
	TESTQ R10, R10
	JZ    done

wordly:
	MOVL   (R9), AX
	ANDL   R11, AX
	SHLQ   $6, AX
	VADDPS (R8)(AX*1), Y0, Y0
	VADDPS 32(R8)(AX*1), Y1, Y1
	ADDQ   $4, R9
	DECQ   R10
	JNZ    wordly

done:
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VZEROUPPER
	RET
